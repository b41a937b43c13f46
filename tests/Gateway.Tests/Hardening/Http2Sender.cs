using System.Globalization;
using System.Net;

namespace Gateway.Tests.Hardening;

/// <summary>Sends a <see cref="HostileRequest"/> over HTTP/2 with HttpClient (which carries what HTTP/2 framing can).</summary>
public static class Http2Sender
{
    public static async Task<RawResponse> SendAsync(HttpClient client, HostileRequest request, CancellationToken cancel)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + request.Target))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.TryAddWithoutValidation(HostileRequest.MarkerHeader, request.Id.ToString(CultureInfo.InvariantCulture));
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await client.SendAsync(message, cancel);
        if (response.Version != HttpVersion.Version20)
        {
            throw new HttpRequestException($"answered over HTTP/{response.Version}");
        }

        var headers = response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value))).ToList();
        return new RawResponse((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync(cancel), []);
    }

    public static HttpClient CreateClient(int port, string thumbprint) => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => string.Equals(certificate?.GetCertHashString(), thumbprint, StringComparison.Ordinal) },
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    {
        BaseAddress = new Uri($"https://localhost:{port}"),
    };
}
