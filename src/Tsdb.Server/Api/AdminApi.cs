namespace Tsdb.Server.Api;

/// <summary>
/// The TSDB admin endpoints. Disabled (the default) they answer as Prometheus does; enabled they still
/// refuse, since the storage keeps no blocks to snapshot and no tombstones.
/// </summary>
public static class AdminApi
{
    private static readonly string[] Paths =
        ["/api/v1/admin/tsdb/snapshot", "/api/v1/admin/tsdb/delete_series", "/api/v1/admin/tsdb/clean_tombstones"];

    public static void MapAdminApi(this IEndpointRouteBuilder endpoints, ApiServices services)
    {
        foreach (var path in Paths)
        {
            endpoints.MapApi(path, services, (_, s, context) =>
            {
                if (!s.Options.EnableAdminApi) throw new ApiException(ApiError.Unavailable("admin APIs disabled"));
                throw new ApiException(ApiError.Unavailable($"{context.Request.Path} is not supported by this storage"));
            }, postToo: true, putToo: true);
        }
    }
}
