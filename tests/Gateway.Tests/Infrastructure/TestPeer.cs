using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The test host has no socket, so no peer address and no listener: this sets them from the
/// <c>X-Test-Peer</c> header (default <see cref="DefaultAddress"/>) and the <c>X-Test-Listener</c> header
/// (default public) before the gateway's own pipeline, as Kestrel's sockets would.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";
    public const string ListenerHeader = "X-Test-Listener";
    public static readonly IPAddress DefaultAddress = IPAddress.Parse("203.0.113.10");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var peer)
                ? IPAddress.Parse(peer.ToString())
                : DefaultAddress;
            context.Request.Headers.Remove(Header);
            if (context.Request.Headers.TryGetValue(ListenerHeader, out var listener))
            {
                context.Features.Set(new Gateway.Hosting.Listener(listener.ToString()));
                context.Request.Headers.Remove(ListenerHeader);
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
