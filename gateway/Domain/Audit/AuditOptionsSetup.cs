using Gateway.Data;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>
/// Resolves <see cref="AuditOptions.Path"/> against the store's data folder, so that the audit folder is a setting of
/// the store and not of the working directory: the server, the CLI (<c>--data</c>) and every instance on one store
/// agree on it.
/// </summary>
internal sealed class AuditOptionsSetup(IOptions<StorageOptions> storage) : IPostConfigureOptions<AuditOptions>
{
    public void PostConfigure(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            options.Path = Path.GetFullPath(Path.Combine(storage.Value.FullDataPath, options.Path));
        }
    }
}
