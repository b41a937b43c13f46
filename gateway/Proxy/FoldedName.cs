namespace Gateway.Proxy;

/// <summary>
/// A name as a lenient reader may come to see it: its ASCII letters and digits, lower-cased. PHP turns
/// <c>X-Client.Id</c>, <c>X_Client_Id</c> and <c>x-client-id</c> into the same <c>HTTP_X_CLIENT_ID</c>, and query
/// names into the same array key, so the gateway compares protected names this way.
/// </summary>
public static class FoldedName
{
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        return new string(buffer[..Write(name, buffer)]);
    }

    /// <summary>Writes the folded name into <paramref name="destination"/>, stopping when it is full; returns the length written.</summary>
    public static int Write(ReadOnlySpan<char> name, Span<char> destination)
    {
        var length = 0;
        foreach (var c in name)
        {
            if (length == destination.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                destination[length++] = char.ToLowerInvariant(c);
            }
        }

        return length;
    }
}
