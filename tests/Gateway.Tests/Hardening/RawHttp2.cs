using System.Buffers.Binary;
using System.Net.Security;

namespace Gateway.Tests.Hardening;

/// <summary>
/// HTTP/2 over TLS with frames chosen by the test, one connection per request: pseudo-headers and fields exactly as
/// given (values with leading or trailing whitespace included), and a body sent as DATA frames whether or not a
/// content-length says so — what HttpClient never sends. A stream reset or GOAWAY before the answer (the server's
/// refusal below the pipeline) comes back as <see cref="Http2RefusedException"/>.
/// </summary>
public static class RawHttp2
{
    private const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, Ping = 0x6, GoAway = 0x7, Continuation = 0x9;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4;
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>A GET-like request: <c>:method</c>, <c>:scheme https</c>, <c>:authority</c>, <c>:path</c>, then <paramref name="fields"/>.</summary>
    public static IReadOnlyList<(string Name, string Value)> Request(string method, string path, int port, params (string Name, string Value)[] fields) =>
        [(":method", method), (":scheme", "https"), (":authority", $"localhost:{port}"), (":path", path), .. fields];

    /// <param name="body">Null: the HEADERS frame ends the stream. Otherwise DATA frames carry it (an empty array: one empty DATA frame).</param>
    public static async Task<RawResponse> SendAsync(int port, string thumbprint, IReadOnlyList<(string Name, string Value)> fields, byte[]? body, CancellationToken cancel)
    {
        await using var connection = await TlsClient.ConnectAsync(port, thumbprint, SslApplicationProtocol.Http2, cancel);
        var tls = connection.Stream;
        if (tls.NegotiatedApplicationProtocol != SslApplicationProtocol.Http2)
        {
            throw new IOException("The server did not agree to HTTP/2.");
        }

        await tls.WriteAsync(Preface, cancel);
        // SETTINGS_HEADER_TABLE_SIZE 0 (no dynamic table in answers), SETTINGS_ENABLE_PUSH 0.
        await WriteFrameAsync(tls, Settings, 0, 0, new byte[] { 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0, 0, 0, 0 }, cancel);
        await WriteFrameAsync(tls, Headers, (byte)(EndHeaders | (body is null ? EndStream : 0)), 1, Hpack.Encode(fields), cancel);
        if (body is not null)
        {
            var sent = 0;
            do
            {
                var size = Math.Min(16384, body.Length - sent);
                var last = sent + size == body.Length;
                await WriteFrameAsync(tls, Data, last ? EndStream : (byte)0, 1, body.AsMemory(sent, size), cancel);
                sent += size;
            }
            while (sent < body.Length);
        }

        await tls.FlushAsync(cancel);
        return await ReadAnswerAsync(tls, cancel);
    }

    private static async Task<RawResponse> ReadAnswerAsync(Stream tls, CancellationToken cancel)
    {
        var interim = new List<int>();
        List<KeyValuePair<string, string>>? headers = null;
        using var block = new MemoryStream();
        using var responseBody = new MemoryStream();
        while (true)
        {
            var (type, flags, stream, payload) = await ReadFrameAsync(tls, cancel);
            switch (type)
            {
                case Settings when (flags & Ack) == 0:
                    await WriteFrameAsync(tls, Settings, Ack, 0, Array.Empty<byte>(), cancel);
                    break;
                case Ping when (flags & Ack) == 0:
                    await WriteFrameAsync(tls, Ping, Ack, 0, payload, cancel);
                    break;
                case GoAway:
                    throw new Http2RefusedException("GOAWAY", BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4)));
                case RstStream when stream == 1:
                    throw new Http2RefusedException("RST_STREAM", BinaryPrimitives.ReadUInt32BigEndian(payload));
                case Headers or Continuation when stream == 1:
                    block.Write(Headers == type ? HeaderBlock(flags, payload) : payload);
                    if ((flags & EndHeaders) != 0)
                    {
                        var fields = Hpack.Decode(block.ToArray());
                        block.SetLength(0);
                        var status = int.Parse(fields.First(f => f.Key == ":status").Value, System.Globalization.CultureInfo.InvariantCulture);
                        if (status is >= 100 and < 200)
                        {
                            interim.Add(status);
                        }
                        else
                        {
                            headers ??= [.. fields.Where(f => !f.Key.StartsWith(':'))];
                            headers.Insert(0, new(":status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                        }
                    }

                    if ((flags & EndStream) != 0 && headers is not null)
                    {
                        return Answer(headers, responseBody, interim);
                    }

                    break;
                case Data when stream == 1:
                    responseBody.Write(payload);
                    if ((flags & EndStream) != 0)
                    {
                        return Answer(headers ?? throw new IOException("DATA before HEADERS."), responseBody, interim);
                    }

                    break;
            }
        }
    }

    private static RawResponse Answer(List<KeyValuePair<string, string>> headers, MemoryStream body, List<int> interim) =>
        new(int.Parse(headers[0].Value, System.Globalization.CultureInfo.InvariantCulture), headers.Skip(1).ToList(), body.ToArray(), interim);

    // HEADERS may carry padding (PADDED 0x8) and a priority block (PRIORITY 0x20).
    private static byte[] HeaderBlock(byte flags, byte[] payload)
    {
        var start = 0;
        var end = payload.Length;
        if ((flags & 0x8) != 0)
        {
            end -= payload[0];
            start = 1;
        }

        if ((flags & 0x20) != 0)
        {
            start += 5;
        }

        return payload[start..end];
    }

    private static async Task WriteFrameAsync(Stream stream, byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload, CancellationToken cancel)
    {
        var header = new byte[9];
        header[0] = (byte)(payload.Length >> 16);
        header[1] = (byte)(payload.Length >> 8);
        header[2] = (byte)payload.Length;
        header[3] = type;
        header[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(5), streamId);
        await stream.WriteAsync(header, cancel);
        await stream.WriteAsync(payload, cancel);
    }

    private static async Task<(byte Type, byte Flags, int Stream, byte[] Payload)> ReadFrameAsync(Stream stream, CancellationToken cancel)
    {
        var header = new byte[9];
        await stream.ReadExactlyAsync(header, cancel);
        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancel);
        return (header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & 0x7fffffff, payload);
    }
}

/// <summary>The server refused an HTTP/2 request at the protocol level (a stream reset or GOAWAY) instead of answering it.</summary>
public sealed class Http2RefusedException(string frame, uint errorCode) : IOException($"{frame} with error code {errorCode}");
