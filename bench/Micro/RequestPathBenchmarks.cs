using System.Net;
using BenchmarkDotNet.Attributes;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.Hosting;
using Gateway.Pipeline;
using Gateway.Proxy;
using Gateway.RateLimiting;
using Gateway.Tokens;
using Gateway.Usage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Micro;

/// <summary>
/// One benchmark per step of DESIGN §2, in order, each the gateway's own middleware or service on an allowed request
/// (<c>GET /api/v1/invoices</c>, a valid token, from 127.0.0.1 over HTTPS) with <c>next</c> doing nothing. The
/// allocated bytes are what the step itself costs per request; <see cref="Baseline"/> is the benchmark's own cost.
/// </summary>
[MemoryDiagnoser]
public class RequestPathBenchmarks
{
    private static readonly RequestDelegate Done = _ => Task.CompletedTask;
    private GatewayServices _gateway = null!;
    private DefaultHttpContext _context = null!;
    private RequestDecision _decision = null!;
    private DecisionMiddleware _decisionStep = null!;
    private RequestIdMiddleware _requestId = null!;
    private AuditGuardMiddleware _auditGuard = null!;
    private HttpsGuardMiddleware _httpsGuard = null!;
    private MethodGuardMiddleware _methodGuard = null!;
    private FailedAuthGuardMiddleware _failedAuthGuard = null!;
    private IPolicyEvaluator _policies = null!;
    private AuthorizationPolicy _policy = null!;
    private AuthenticateResult _authenticated = null!;
    private IServiceScopeFactory _scopes = null!;
    private TokenRateLimitMiddleware _rateLimiter = null!;
    private ProxyGuardMiddleware _proxyGuard = null!;
    private LastUsedStampMiddleware _lastUsed = null!;
    private HttpTransformer _transformer = null!;
    private RequestAuditWriter _audit = null!;
    private GatewayMetrics _metrics = null!;
    private RequestAuditEvent _event;

    [GlobalSetup]
    public void Setup()
    {
        _gateway = GatewayServices.StartAsync().GetAwaiter().GetResult();
        var services = _gateway.Services;
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _context = NewContext(services, _gateway.Token);
        // The decision step completes the record (request id, address, method, path, status) as the server does.
        var completed = new CompletedDecision();
        Create<DecisionMiddleware>(services, Done, new IRequestDecisionObserver[] { completed }).InvokeAsync(_context).GetAwaiter().GetResult();
        _decision = completed.Decision ?? throw new InvalidOperationException("The decision step did not complete the record.");

        _decisionStep = Create<DecisionMiddleware>(services, Done, Array.Empty<IRequestDecisionObserver>());
        _requestId = Create<RequestIdMiddleware>(services, Done);
        _auditGuard = Create<AuditGuardMiddleware>(services, Done);
        _httpsGuard = Create<HttpsGuardMiddleware>(services, Done);
        _methodGuard = Create<MethodGuardMiddleware>(services, Done);
        _failedAuthGuard = Create<FailedAuthGuardMiddleware>(services, Done);
        _rateLimiter = Create<TokenRateLimitMiddleware>(services, Done);
        _proxyGuard = Create<ProxyGuardMiddleware>(services, Done);
        _lastUsed = Create<LastUsedStampMiddleware>(services, Done);

        _policies = services.GetRequiredService<IPolicyEvaluator>();
        _policy = services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync("account:read").GetAwaiter().GetResult()!;
        _authenticated = Authentication().GetAwaiter().GetResult();
        if (!_authenticated.Succeeded || Authorization().GetAwaiter().GetResult() is not { Succeeded: true })
        {
            throw new InvalidOperationException("The benchmark request must be allowed.");
        }

        _context.User = _authenticated.Principal!;
        var route = new RouteConfig { RouteId = "invoices", ClusterId = "billing", AuthorizationPolicy = "account:read", RateLimiterPolicy = RateLimitingOptions.TokenPolicy };
        _transformer = services.GetRequiredService<Yarp.ReverseProxy.Transforms.Builder.ITransformBuilder>().Build(route, new ClusterConfig { ClusterId = "billing" });
        _audit = services.GetServices<IRequestDecisionObserver>().OfType<RequestAuditWriter>().Single();
        _metrics = services.GetRequiredService<GatewayMetrics>();
        _decision.Forwarded = true;
        _decision.UpstreamMilliseconds = 0.42;
        _event = RequestAuditEvent.From(_decision, ["opt_live_", "opt_admin_"], services.GetRequiredService<SecretRedactor>());
    }

    [GlobalCleanup]
    public void Cleanup() => _gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>What the benchmark itself costs: a call to <c>next</c>.</summary>
    [Benchmark(Baseline = true)]
    public Task Baseline() => Done(_context);

    [Benchmark(Description = "1 decision record")]
    public Task Decision() => _decisionStep.InvokeAsync(_context);

    [Benchmark(Description = "2 request id")]
    public Task RequestId() => _requestId.InvokeAsync(_context);

    [Benchmark(Description = "4 audit guard")]
    public Task AuditGuard() => _auditGuard.InvokeAsync(_context);

    [Benchmark(Description = "5 HTTPS guard")]
    public Task HttpsGuard() => _httpsGuard.InvokeAsync(_context);

    [Benchmark(Description = "8 method guard")]
    public Task MethodGuard() => _methodGuard.InvokeAsync(_context);

    [Benchmark(Description = "9 failed-auth guard")]
    public Task FailedAuthGuard() => _failedAuthGuard.InvokeAsync(_context);

    /// <summary>As the route's policy runs it: the scheme's handler (created per request by the framework) and the token lookup.</summary>
    [Benchmark(Description = "10 bearer authentication")]
    public async Task<AuthenticateResult> Authentication()
    {
        // The framework gives each request its own services scope, and the handler is resolved in it.
        await using var scope = _scopes.CreateAsyncScope();
        _context.RequestServices = scope.ServiceProvider;
        return await _policies.AuthenticateAsync(_policy, _context);
    }

    [Benchmark(Description = "11 authorization")]
    public Task<PolicyAuthorizationResult> Authorization() => _policies.AuthorizeAsync(_policy, _authenticated, _context, _context);

    [Benchmark(Description = "12 rate limiter")]
    public Task RateLimiter() => _rateLimiter.InvokeAsync(_context);

    [Benchmark(Description = "13 proxy guard")]
    public Task ProxyGuard() => _proxyGuard.InvokeAsync(_context);

    [Benchmark(Description = "14 last-used stamp")]
    public Task LastUsed() => _lastUsed.InvokeAsync(_context);

    /// <summary>The gateway's transforms with YARP's defaults (X-Forwarded-*), on a fresh outgoing request as YARP makes one.</summary>
    [Benchmark(Description = "16 transforms")]
    public async Task<HttpRequestMessage> Transforms()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, (Uri?)null);
        await _transformer.TransformRequestAsync(_context, request, "http://127.0.0.1:9/", CancellationToken.None);
        return request;
    }

    [Benchmark(Description = "18 audit event (build, metrics, group commit to the file)")]
    public ValueTask Audit() => _audit.CompletedAsync(_decision);

    [Benchmark(Description = "18a of which metrics")]
    public void Metrics() => _metrics.Request(_event);

    /// <summary>Keeps the record the decision step completed.</summary>
    private sealed class CompletedDecision : IRequestDecisionObserver
    {
        public RequestDecision? Decision { get; private set; }

        public ValueTask CompletedAsync(RequestDecision decision)
        {
            Decision = decision;
            return ValueTask.CompletedTask;
        }
    }

    private static T Create<T>(IServiceProvider services, params object[] arguments) =>
        ActivatorUtilities.CreateInstance<T>(services, arguments);

    private static DefaultHttpContext NewContext(IServiceProvider services, string token)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var request = context.Request;
        request.Method = "GET";
        request.Scheme = "https";
        request.IsHttps = true;
        request.Host = new HostString("127.0.0.1:8443");
        request.Path = "/api/v1/invoices";
        request.Headers.Authorization = "Bearer " + token;
        request.Headers.UserAgent = "wrk";
        request.Headers.Accept = "application/json";
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.TraceIdentifier = Guid.CreateVersion7().ToString("N");
        var route = new RouteModel(
            new RouteConfig { RouteId = "invoices", ClusterId = "billing", AuthorizationPolicy = "account:read", RateLimiterPolicy = RateLimitingOptions.TokenPolicy },
            cluster: null,
            HttpTransformer.Default);
        context.SetEndpoint(new Endpoint(Done, new EndpointMetadataCollection(route, new EnableRateLimitingAttribute(RateLimitingOptions.TokenPolicy)), "invoices"));
        return context;
    }
}
