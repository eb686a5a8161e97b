namespace Tsdb.Server.Tests.Api;

public class LifecycleTests
{
    [Fact]
    public async Task ReloadAndQuitWorkWhenEnabled()
    {
        await using var server = await ApiTestServer.StartAsync(null, "--web.enable-lifecycle");
        bool reloaded = false;
        server.Server.Api.Reload = () =>
        {
            reloaded = true;
            return Task.FromResult<(bool, string?)>((false, "bad.yml:1:1: broken"));
        };
        using var get = await server.Http.GetAsync("/-/reload");
        Assert.Equal(405, (int)get.StatusCode);
        Assert.Equal("Only POST or PUT requests allowed", await get.Content.ReadAsStringAsync());

        using var reload = await server.Http.PostAsync("/-/reload", null);
        Assert.True(reloaded);
        Assert.Equal(500, (int)reload.StatusCode);
        Assert.Equal("failed to reload config: bad.yml:1:1: broken\n", await reload.Content.ReadAsStringAsync());
        var (_, runtime) = await server.GetJsonAsync("/api/v1/status/runtimeinfo");
        Assert.False((bool)runtime["data"]!["reloadConfigSuccess"]!);

        using var quit = await server.Http.PutAsync("/-/quit", null);
        Assert.Equal(200, (int)quit.StatusCode);
        await server.Server.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
