using System.Net;
using System.Net.Sockets;
using LegacyStub.Api;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace LegacyStub;

/// <summary>Starts the billing-backend stand-in, or adds its mappings to a WireMock server you already have.</summary>
public static class BillingStub
{
    /// <summary>The liveness path a load balancer or the gateway's active health check probes, without the credential.</summary>
    public const string HealthPath = "/healthz";

    private static readonly RegexMatcher AnyPath = new(".*");

    public static WireMockServer Start(BillingStubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Host);

        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [ListenUrl(options.Host, options.Port)],
            StartAdminInterface = false,
            ReadStaticMappings = false,
            MaxRequestLogCount = options.MaxRequestLogCount,

            // WireMock's own loggers write request headers, which would include the credential.
            Logger = new WireMockNullLogger(),
        });

        try
        {
            AddMappings(server, options.Credential, BillingData.Default);
        }
        catch
        {
            server.Stop();
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Adds the backend's mappings (priorities 5 to 50). A test that wants to override the backend
    /// adds its own mapping with a priority below 10.
    /// </summary>
    public static void AddMappings(WireMockServer server, string credential, BillingData data)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrEmpty(credential);
        ArgumentNullException.ThrowIfNull(data);

        var gate = new BackendGate(credential, data);

        server
            .Given(Request.Create().WithPath(HealthPath).UsingMethod("GET", "HEAD"))
            .WithTitle("200: liveness")
            .AtPriority(MappingPriority.Health)
            .RespondWith(Response.Create().WithCallback(ApiResponses.Healthy));

        server
            .Given(Request.Create().WithPath(AnyPath).UsingAnyMethod()
                .WithHeader(headers => !BackendAuth.HasCredential(headers, credential)))
            .WithTitle("401: missing or wrong backend credential")
            .AtPriority(MappingPriority.Credential)
            .RespondWith(Response.Create().WithCallback(ApiResponses.Unauthenticated));

        server
            .Given(Request.Create().WithPath(AnyPath).UsingAnyMethod()
                .WithHeader(headers => BackendAuth.ResolveClient(headers, data) is null))
            .WithTitle("401: missing, malformed or unknown X-Client-Id")
            .AtPriority(MappingPriority.Client)
            .RespondWith(Response.Create().WithCallback(ApiResponses.Unauthenticated));

        foreach (var route in BillingRoutes.All)
        {
            var path = new RegexMatcher(route.PathPattern);

            server
                .Given(Request.Create().WithPath(path).UsingMethod("GET", "HEAD"))
                .WithTitle($"GET, HEAD {route.Template}")
                .AtPriority(MappingPriority.Endpoint)
                .RespondWith(Response.Create().WithCallback(gate.Guard(route.Respond)));

            server
                .Given(Request.Create().WithPath(path).UsingAnyMethod())
                .WithTitle($"405: {route.Template}")
                .AtPriority(MappingPriority.MethodNotAllowed)
                .RespondWith(Response.Create().WithCallback(gate.Guard((request, _) => ApiResponses.MethodNotAllowed(request))));
        }

        server
            .Given(Request.Create().WithPath(AnyPath).UsingAnyMethod())
            .WithTitle("404: unknown path")
            .AtPriority(MappingPriority.NotFound)
            .RespondWith(Response.Create().WithCallback(gate.Guard((request, _) => ApiResponses.NotFound(request))));
    }

    private static string ListenUrl(string host, int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        var literal = IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{host}]"
            : host;
        return $"http://{literal}:{port}";
    }
}
