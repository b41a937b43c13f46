using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// One step of the request path tested on its own, as YARP tests its middleware: a <see cref="DefaultHttpContext"/>
/// with a readable response body, and a <c>next</c> that notes whether it was called.
/// </summary>
public sealed class StepContext
{
    public StepContext(string method = "GET", string path = "/api/v1/me", string? peer = "203.0.113.10", bool https = true)
    {
        Http.Request.Method = method;
        Http.Request.Path = path;
        Http.Request.Scheme = https ? "https" : "http";
        Http.Request.IsHttps = https;
        Http.Connection.RemoteIpAddress = peer is null ? null : IPAddress.Parse(peer);
        Http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(_response);
        Http.Response.Body = new MemoryStream();
        Http.TraceIdentifier = "test-request";
    }

    private readonly StartableResponse _response = new();

    public DefaultHttpContext Http { get; } = new();

    public bool NextCalled { get; private set; }

    /// <summary>The <c>next</c> delegate: records the call and, if given, runs <paramref name="then"/>.</summary>
    public RequestDelegate Next(Func<HttpContext, Task>? then = null) => context =>
    {
        NextCalled = true;
        return then?.Invoke(context) ?? Task.CompletedTask;
    };

    public RequestDecision Decision => RequestDecision.Of(Http);

    public int Status => Http.Response.StatusCode;

    public string Body
    {
        get
        {
            Http.Response.Body.Position = 0;
            return Encoding.UTF8.GetString(((MemoryStream)Http.Response.Body).ToArray());
        }
    }

    public string Message => JsonDocument.Parse(Body).RootElement.GetProperty("message").GetString()!;

    /// <summary>Runs what was registered to run as the response starts (DefaultHttpContext never starts one itself).</summary>
    public Task StartResponseAsync() => _response.StartAsync();

    public StepContext WithHeader(string name, string value)
    {
        Http.Request.Headers.Append(name, value);
        return this;
    }

    private sealed class StartableResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
        private bool _started;

        public override bool HasStarted => _started;

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in Enumerable.Reverse(_starting))
            {
                await callback(state);
            }

            _started = true;
        }
    }
}
