using System.Security.Cryptography;
using Gateway.Data;

namespace Gateway.Audit;

/// <summary>
/// The keys of the audit chain. The current key signs every new event; previous keys (after a rotation) are still
/// accepted by <c>gateway audit verify</c>. Keys come from configuration (<c>Gateway:Audit:ChainKey</c>, for the
/// environment or a secret store) or a key file (<c>Gateway:Audit:ChainKeyFile</c>, e.g. a mounted secret); with
/// neither, a single instance on SQLite generates one in the store's data folder (<c>keys/audit-chain.key</c>,
/// readable by the gateway's user only), never in the audit folder.
/// </summary>
public sealed class AuditKeyRing
{
    private AuditKeyRing(IReadOnlyList<AuditKey> keys, string source, bool generated)
    {
        Keys = keys;
        Source = source;
        Generated = generated;
    }

    /// <summary>The key new events are signed with.</summary>
    public AuditKey Current => Keys[0];

    /// <summary>The current key, then the previous ones.</summary>
    public IReadOnlyList<AuditKey> Keys { get; }

    /// <summary>Where the current key came from: a setting's name or a file's path.</summary>
    public string Source { get; }

    /// <summary>True when the gateway generated the key itself (no key was configured).</summary>
    public bool Generated { get; }

    public AuditKey? Find(string? id) => Keys.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal));

    /// <summary>Where a store keeps the key the gateway generates when none is configured.</summary>
    public static string GeneratedPath(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return Path.Combine(storage.FullDataPath, "keys", "audit-chain.key");
    }

    /// <summary>
    /// The configured keys, or the store's generated key; when there is none yet, one is generated if
    /// <paramref name="create"/> (writers), else null (verify must not invent a key). Settings are checked by
    /// <see cref="AuditOptionsValidator"/> first; what still fails here throws naming the setting.
    /// </summary>
    public static AuditKeyRing? Load(AuditOptions audit, StorageOptions storage, bool create)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(storage);
        var previous = audit.PreviousChainKeys.Select((k, i) => Parse(k, $"Gateway:Audit:PreviousChainKeys:{i}")).ToList();
        if (!string.IsNullOrWhiteSpace(audit.ChainKey))
        {
            return new AuditKeyRing([Parse(audit.ChainKey, "Gateway:Audit:ChainKey"), .. previous], "Gateway:Audit:ChainKey", generated: false);
        }

        if (!string.IsNullOrWhiteSpace(audit.ChainKeyFile))
        {
            var file = Path.GetFullPath(audit.ChainKeyFile);
            return new AuditKeyRing([.. ReadFile(file, "Gateway:Audit:ChainKeyFile"), .. previous], file, generated: false);
        }

        var generated = GeneratedPath(storage);
        if (!File.Exists(generated))
        {
            if (!create)
            {
                return null;
            }

            Generate(generated);
        }

        return new AuditKeyRing([.. ReadFile(generated, generated), .. previous], generated, generated: true);
    }

    /// <summary>The keys in a key file: the current key on the first line, previous keys on the lines after it.</summary>
    internal static List<AuditKey> ReadFile(string file, string setting)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file).Where(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#')).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting}: the audit chain key file {file} cannot be read ({ex.Message}).", ex);
        }

        if (lines.Length == 0)
        {
            throw new InvalidOperationException($"{setting}: the audit chain key file {file} holds no key.");
        }

        return lines.Select((line, i) => Parse(line, $"{setting} ({file}, line {i + 1})")).ToList();
    }

    private static AuditKey Parse(string text, string setting) =>
        AuditKey.Parse(text, out var error) ?? throw new InvalidOperationException($"{setting} {error}.");

    private static void Generate(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        var text = Convert.ToBase64String(RandomNumberGenerator.GetBytes(AuditKey.MinimumBytes)) + "\n";
        var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(temporary, text);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        try
        {
            // Fails when another process (the CLI beside the server) generated it first: then that key is the store's.
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
        }
    }
}
