using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;

namespace Gateway.Data;

/// <summary>Which engine holds the store.</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file under <see cref="StorageOptions.DataPath"/>: one gateway instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database named by <see cref="StorageOptions.ConnectionString"/>: any number of instances.</summary>
    Postgres,
}

/// <summary>Settings under <c>Gateway:Storage</c>.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Gateway:Storage";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>Folder for the SQLite store and the generated certificate; relative paths start at the working directory.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>
    /// SQLite: overrides the default <c>Data Source={DataPath}/gateway.db</c>. PostgreSQL: required, an Npgsql
    /// connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending EF Core migrations when the gateway starts. Safe when several instances start at once: EF Core
    /// holds a database-wide migration lock while it migrates. Turn off where a deploy step runs
    /// <c>gateway migrate</c> instead.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>How often the store is probed for writes (exists, writable, not held by another writer).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string FullDataPath => Path.GetFullPath(DataPath);

    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(FullDataPath, "gateway.db")}"
            : ConnectionString;

    /// <summary>
    /// How the running gateway opens a SQLite store: never creating the file (a store deleted under a running
    /// gateway must fail, not come back empty; only migrations create it) and without connection pooling
    /// (a pooled connection would keep reading a deleted or replaced file). A method, not a property, so that
    /// configuration binding and validation never evaluate it for a PostgreSQL connection string.
    /// </summary>
    public string SqliteServingConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder(EffectiveConnectionString) { Pooling = false };
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        return builder.ToString();
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Gateway:Storage:ConnectionString is required when Gateway:Storage:Provider is Postgres.",
                [nameof(ConnectionString)]);
        }
    }
}
