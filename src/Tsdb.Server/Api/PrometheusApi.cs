using Tsdb.Server.SelfMetrics;

namespace Tsdb.Server.Api;

/// <summary>Maps every endpoint of Prometheus's HTTP API that this server serves.</summary>
public static class PrometheusApi
{
    public static void MapPrometheusApi(this WebApplication app, ApiServices services)
    {
        app.UseHttpMetrics(services.Metrics);
        app.MapQueryApi(services);
        app.MapSeriesApi(services);
        app.MapMetadataApi(services);
        app.MapTargetsApi(services);
        app.MapStatusApi(services);
        app.MapAdminApi(services);
        app.MapLifecycleApi(services);
        app.MapFederate(services);
        app.MapSelfMetrics(services.Metrics.Registry);
    }
}
