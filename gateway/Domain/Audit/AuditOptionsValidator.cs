using Gateway.Data;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>Stops the start on a chain key that cannot be used, naming the setting and what it accepts.</summary>
internal sealed class AuditOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasKey = !string.IsNullOrWhiteSpace(options.ChainKey);
        var hasFile = !string.IsNullOrWhiteSpace(options.ChainKeyFile);
        if (hasKey && AuditKey.Parse(options.ChainKey, out var error) is null)
        {
            failures.Add($"Gateway:Audit:ChainKey {error}.");
        }

        for (var i = 0; i < options.PreviousChainKeys.Count; i++)
        {
            if (AuditKey.Parse(options.PreviousChainKeys[i], out var previousError) is null)
            {
                failures.Add($"Gateway:Audit:PreviousChainKeys:{i} {previousError}.");
            }
        }

        if (hasKey && hasFile)
        {
            failures.Add("Gateway:Audit:ChainKey and Gateway:Audit:ChainKeyFile are both set: set one of them.");
        }
        else if (hasFile)
        {
            CheckFile(Path.GetFullPath(options.ChainKeyFile!), "Gateway:Audit:ChainKeyFile", options, failures, mustExist: true);
        }
        else if (!hasKey)
        {
            if (storage.Value.Provider == StoreProvider.Postgres)
            {
                failures.Add("Gateway:Audit:ChainKey or Gateway:Audit:ChainKeyFile is required when Gateway:Storage:Provider is Postgres: "
                    + "every instance and the CLI must sign the audit chains with the same key, kept in a secret store (see docs/audit-log.md).");
            }
            else
            {
                CheckFile(AuditKeyRing.GeneratedPath(storage.Value), "The generated audit chain key", options, failures, mustExist: false);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFile(string file, string setting, AuditOptions options, List<string> failures, bool mustExist)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Path)) + Path.DirectorySeparatorChar;
        if (file.StartsWith(folder, StringComparison.Ordinal))
        {
            // Whoever can write the log could then read the key and re-sign an edited chain.
            failures.Add($"{setting} ({file}) is inside the audit folder Gateway:Audit:Path ({folder}): keep the key outside it.");
            return;
        }

        if (!mustExist)
        {
            return;
        }

        if (!File.Exists(file))
        {
            failures.Add($"{setting}: no such file {file}.");
            return;
        }

        try
        {
            AuditKeyRing.ReadFile(file, setting);
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(ex.Message);
        }
    }
}
