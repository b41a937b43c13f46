using Gateway.Hosting;
using Gateway.Pipeline;
using Gateway.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.SecretScanning;

public static class SecretScanningExtensions
{
    /// <summary>The GitHub secret-scanning partner endpoint's services (it is mapped only when enabled).</summary>
    public static IHostApplicationBuilder AddGatewaySecretScanning(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SecretScanningOptions>()
            .BindSettings(SecretScanningOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.KeysUrl.IsAbsoluteUri && o.KeysUrl.Scheme is "https" or "http",
                "Gateway:SecretScanning:GitHub:KeysUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(GitHubKeys.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            // GitHub's API refuses requests without a User-Agent.
            client.DefaultRequestHeaders.UserAgent.ParseAdd("TokenGateway-SecretScanning/1.0");
        });
        builder.Services.AddSingleton<GitHubKeys>();
        builder.Services.AddSingleton<GitHubReports>();
        return builder;
    }

    /// <summary><c>POST /secret-scanning/github</c> on the public listener, when <c>Gateway:SecretScanning:GitHub:Enabled</c>.</summary>
    public static WebApplication MapGatewaySecretScanning(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<SecretScanningOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery()
            .WithMetadata(new ListenerMetadata(Listener.PublicName));
        return app;
    }

    public const string Path = "/secret-scanning/github";

    private static async Task ReceiveAsync(HttpContext context, GitHubReports reports, IOptions<SecretScanningOptions> options)
    {
        var max = options.Value.MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        var body = await ReadBodyAsync(context.Request, max, context.RequestAborted);
        var headers = context.Request.Headers;
        var keyId = headers[GitHubReports.KeyIdHeader].ToString();
        var outcome = body is null
            ? reports.Refuse(StatusCodes.Status413PayloadTooLarge, "oversize", keyId, context.Request.ContentLength ?? max + 1L)
            : await reports.HandleAsync(keyId, headers[GitHubReports.SignatureHeader].ToString(), body, context.RequestAborted);
        if (outcome.Labels is { } labels)
        {
            await context.Response.WriteAsJsonAsync(labels, context.RequestAborted);
            return;
        }

        // Recorded like every public refusal (audit reason report_<why>); a bad report counts against the sender's address
        // as a bad token would, the gateway's own trouble fetching keys does not.
        var unavailable = outcome.Status == StatusCodes.Status503ServiceUnavailable;
        var refusal = new Refusal("report_" + outcome.Refusal, outcome.Status, Message(outcome.Refusal), ClientFault: !unavailable);
        await Refusals.WriteAsync(context, refusal, unavailable ? KeysRetryAfter : null);
    }

    private static readonly TimeSpan KeysRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The raw body (the signature covers its exact bytes), or null when it is larger than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static string Message(string? refusal) => refusal switch
    {
        "oversize" => "The report is too large.",
        "malformed_body" => "The report must be a JSON array of {\"token\",\"type\",\"url\",\"source\"} objects.",
        "keys_unavailable" => "The signing keys cannot be fetched right now; try again later.",
        _ => "The report's signature could not be verified.",
    };
}
