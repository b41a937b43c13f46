using System.Text;

namespace Gateway.Tests.Hardening;

/// <summary>
/// Just enough HPACK (RFC 7541) for raw HTTP/2 tests: requests are encoded as literals without indexing and without
/// Huffman coding, so any byte the test chooses goes on the wire as is; answers are decoded against the static table
/// (the client announces a dynamic table of size 0, and Kestrel does not Huffman-code what it sends).
/// </summary>
public static class Hpack
{
    private static readonly (string Name, string Value)[] StaticTable =
    [
        (":authority", ""), (":method", "GET"), (":method", "POST"), (":path", "/"), (":path", "/index.html"), (":scheme", "http"),
        (":scheme", "https"), (":status", "200"), (":status", "204"), (":status", "206"), (":status", "304"), (":status", "400"),
        (":status", "404"), (":status", "500"), ("accept-charset", ""), ("accept-encoding", "gzip, deflate"), ("accept-language", ""),
        ("accept-ranges", ""), ("accept", ""), ("access-control-allow-origin", ""), ("age", ""), ("allow", ""), ("authorization", ""),
        ("cache-control", ""), ("content-disposition", ""), ("content-encoding", ""), ("content-language", ""), ("content-length", ""),
        ("content-location", ""), ("content-range", ""), ("content-type", ""), ("cookie", ""), ("date", ""), ("etag", ""), ("expect", ""),
        ("expires", ""), ("from", ""), ("host", ""), ("if-match", ""), ("if-modified-since", ""), ("if-none-match", ""), ("if-range", ""),
        ("if-unmodified-since", ""), ("last-modified", ""), ("link", ""), ("location", ""), ("max-forwards", ""), ("proxy-authenticate", ""),
        ("proxy-authorization", ""), ("range", ""), ("referer", ""), ("refresh", ""), ("retry-after", ""), ("server", ""), ("set-cookie", ""),
        ("strict-transport-security", ""), ("transfer-encoding", ""), ("user-agent", ""), ("vary", ""), ("via", ""), ("www-authenticate", ""),
    ];

    /// <summary>Each field as "literal header field without indexing — new name" (RFC 7541 §6.2.2), strings raw (Latin-1 bytes).</summary>
    public static byte[] Encode(IEnumerable<(string Name, string Value)> fields)
    {
        using var block = new MemoryStream();
        foreach (var (name, value) in fields)
        {
            block.WriteByte(0x00);
            WriteString(block, name);
            WriteString(block, value);
        }

        return block.ToArray();
    }

    public static List<KeyValuePair<string, string>> Decode(ReadOnlySpan<byte> block)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var at = 0;
        while (at < block.Length)
        {
            var first = block[at];
            if ((first & 0x80) != 0)
            {
                var (name, value) = Indexed(ReadInteger(block, ref at, 7));
                fields.Add(new(name, value));
            }
            else if ((first & 0xe0) == 0x20)
            {
                // Dynamic table size update: the table is kept at 0.
                ReadInteger(block, ref at, 5);
            }
            else
            {
                var prefix = (first & 0xc0) == 0x40 ? 6 : 4;
                var index = ReadInteger(block, ref at, prefix);
                var name = index == 0 ? ReadString(block, ref at) : Indexed(index).Name;
                fields.Add(new(name, ReadString(block, ref at)));
            }
        }

        return fields;
    }

    private static (string Name, string Value) Indexed(int index) =>
        index >= 1 && index <= StaticTable.Length ? StaticTable[index - 1] : throw new InvalidDataException($"HPACK index {index} is not in the static table.");

    private static void WriteString(Stream block, string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        WriteInteger(block, bytes.Length, 7, 0x00);
        block.Write(bytes);
    }

    private static void WriteInteger(Stream block, int value, int prefixBits, byte flags)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            block.WriteByte((byte)(flags | value));
            return;
        }

        block.WriteByte((byte)(flags | max));
        value -= max;
        while (value >= 0x80)
        {
            block.WriteByte((byte)((value & 0x7f) | 0x80));
            value >>= 7;
        }

        block.WriteByte((byte)value);
    }

    private static int ReadInteger(ReadOnlySpan<byte> block, ref int at, int prefixBits)
    {
        var max = (1 << prefixBits) - 1;
        var value = block[at++] & max;
        if (value < max)
        {
            return value;
        }

        var shift = 0;
        byte next;
        do
        {
            next = block[at++];
            value += (next & 0x7f) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0);

        return value;
    }

    private static string ReadString(ReadOnlySpan<byte> block, ref int at)
    {
        if ((block[at] & 0x80) != 0)
        {
            throw new InvalidDataException("Huffman-coded HPACK string: not expected from Kestrel.");
        }

        var length = ReadInteger(block, ref at, 7);
        var text = Encoding.Latin1.GetString(block.Slice(at, length));
        at += length;
        return text;
    }
}
