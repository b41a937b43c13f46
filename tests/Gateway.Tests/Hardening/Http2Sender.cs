using System.Globalization;

namespace Gateway.Tests.Hardening;

/// <summary>
/// Sends a <see cref="HostileRequest"/> as raw HTTP/2 frames (<see cref="RawHttp2"/>): names lower-cased as HTTP/2
/// requires, <c>Host</c> as <c>:authority</c>, values exactly as generated, and a body as DATA frames — for every other
/// request without its content-length, which HttpClient would always have sent.
/// </summary>
public static class Http2Sender
{
    public static Task<RawResponse> SendAsync(int port, string thumbprint, HostileRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = request.Headers.Where(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault() ?? "localhost";
        var dropLength = request.Id % 2 == 1;
        var fields = new List<(string Name, string Value)>
        {
            (":method", request.Method), (":scheme", "https"), (":authority", host), (":path", request.Target),
            (HostileRequest.MarkerHeader.ToLowerInvariant(), request.Id.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || (dropLength && name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            fields.Add((name.ToLowerInvariant(), value));
        }

        return RawHttp2.SendAsync(port, thumbprint, fields, request.Body, cancel);
    }
}
