using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The test host has no socket, so no peer address: this sets one from the <c>X-Test-Peer</c> header
/// (default <see cref="DefaultAddress"/>) before the gateway's own pipeline, as a socket would.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";
    public static readonly IPAddress DefaultAddress = IPAddress.Parse("203.0.113.10");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var peer)
                ? IPAddress.Parse(peer.ToString())
                : DefaultAddress;
            context.Request.Headers.Remove(Header);
            return nextMiddleware(context);
        });
        next(app);
    };
}
