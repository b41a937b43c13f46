using System.ComponentModel.DataAnnotations;

namespace Gateway.Data;

/// <summary>Settings under <c>Gateway:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Gateway:Storage";

    /// <summary>Folder for the SQLite store and the generated certificate; relative paths start at the working directory.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>Overrides the default SQLite connection string (<c>Data Source={DataPath}/gateway.db</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending EF Core migrations when the gateway starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public string FullDataPath => Path.GetFullPath(DataPath);

    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(FullDataPath, "gateway.db")}"
            : ConnectionString;
}
