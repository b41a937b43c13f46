using System.Net.Security;
using System.Text;

namespace Gateway.Tests.Hardening;

/// <summary>An answer read off the wire: status, headers as sent, body (de-chunked), and any 1xx answers before it.</summary>
public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, IReadOnlyList<int> Interim)
{
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// HTTP/1.x over TLS with bytes chosen by the test, one connection per request: what HttpClient refuses to send
/// (bad request lines, control characters, duplicate or folded headers, absolute-form targets …) reaches Kestrel as is.
/// </summary>
public static class RawHttp
{
    private const int MaxResponse = 1 << 20;

    public static async Task<RawResponse> SendAsync(int port, string thumbprint, byte[] request, bool head, CancellationToken cancel)
    {
        await using var connection = await TlsClient.ConnectAsync(port, thumbprint, SslApplicationProtocol.Http11, cancel);
        var tls = connection.Stream;
        await tls.WriteAsync(request, cancel);
        await tls.FlushAsync(cancel);

        var reader = new Reader(tls);
        var interim = new List<int>();
        while (true)
        {
            var (status, headers) = await ReadHeadAsync(reader, cancel);
            if (status is >= 100 and < 200 && status != 101)
            {
                interim.Add(status);
                continue;
            }

            var body = await ReadBodyAsync(reader, headers, head || status is 204 or 304, cancel);
            return new RawResponse(status, headers, body, interim);
        }
    }

    private static async Task<(int Status, List<KeyValuePair<string, string>> Headers)> ReadHeadAsync(Reader reader, CancellationToken cancel)
    {
        var statusLine = await reader.ReadLineAsync(cancel) ?? throw new IOException("Connection closed before any answer.");
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], out var status))
        {
            throw new IOException($"Not an HTTP/1 status line: {statusLine}");
        }

        var headers = new List<KeyValuePair<string, string>>();
        while (await reader.ReadLineAsync(cancel) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        return (status, headers);
    }

    private static async Task<byte[]> ReadBodyAsync(Reader reader, List<KeyValuePair<string, string>> headers, bool none, CancellationToken cancel)
    {
        if (none)
        {
            return [];
        }

        var chunked = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        if (chunked)
        {
            using var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await reader.ReadLineAsync(cancel) ?? throw new IOException("Chunked body cut short.");
                var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
                if (size == 0)
                {
                    while (await reader.ReadLineAsync(cancel) is { Length: > 0 })
                    {
                    }

                    return body.ToArray();
                }

                body.Write(await reader.ReadExactlyAsync(size, cancel));
                await reader.ReadLineAsync(cancel);
            }
        }

        var length = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        if (length is not null)
        {
            return await reader.ReadExactlyAsync(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture), cancel);
        }

        return await reader.ReadToEndAsync(cancel);
    }

    /// <summary>Buffered reads of lines and byte counts from the TLS stream, bounded in size.</summary>
    private sealed class Reader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16384];
        private int _start;
        private int _end;
        private int _total;

        public async Task<string?> ReadLineAsync(CancellationToken cancel)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancel))
                {
                    return line.Count == 0 ? null : Encoding.Latin1.GetString([.. line]);
                }

                var b = _buffer[_start++];
                if (b == '\n')
                {
                    if (line.Count > 0 && line[^1] == '\r')
                    {
                        line.RemoveAt(line.Count - 1);
                    }

                    return Encoding.Latin1.GetString([.. line]);
                }

                line.Add(b);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancel)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(cancel))
                {
                    throw new IOException("Body cut short.");
                }

                var n = Math.Min(count - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, n);
                _start += n;
                copied += n;
            }

            return result;
        }

        public async Task<byte[]> ReadToEndAsync(CancellationToken cancel)
        {
            using var body = new MemoryStream();
            do
            {
                body.Write(_buffer, _start, _end - _start);
                _start = _end;
            }
            while (await FillAsync(cancel));

            return body.ToArray();
        }

        private async Task<bool> FillAsync(CancellationToken cancel)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(_buffer, cancel);
            }
            catch (IOException) when (_total > 0)
            {
                // A reset after the answer (Kestrel closing a rejected connection) ends it like EOF.
                read = 0;
            }

            _total += read;
            if (_total > MaxResponse)
            {
                throw new IOException("Answer larger than 1 MB.");
            }

            _start = 0;
            _end = read;
            return read > 0;
        }
    }
}
