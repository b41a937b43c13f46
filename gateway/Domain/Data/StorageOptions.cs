using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;

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

    /// <summary>How often the store is probed for writes (exists, writable, not held by another writer).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string FullDataPath => Path.GetFullPath(DataPath);

    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(FullDataPath, "gateway.db")}"
            : ConnectionString;

    /// <summary>
    /// How the running gateway opens the store: never creating the file (a store deleted under a running
    /// gateway must fail, not come back empty; only migrations create it) and without connection pooling
    /// (a pooled connection would keep reading a deleted or replaced file).
    /// </summary>
    public string ServingConnectionString
    {
        get
        {
            var builder = new SqliteConnectionStringBuilder(EffectiveConnectionString) { Pooling = false };
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
            {
                builder.Mode = SqliteOpenMode.ReadWrite;
            }

            return builder.ToString();
        }
    }
}
