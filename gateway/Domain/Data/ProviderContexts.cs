using Microsoft.EntityFrameworkCore;

namespace Gateway.Data;

/// <summary>The store on SQLite (the embedded default); its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);

/// <summary>The store on PostgreSQL (several instances); its migrations are in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresGatewayDbContext(DbContextOptions<PostgresGatewayDbContext> options) : GatewayDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // The audit chains' seals, shared by every instance. On SQLite they are kept beside the store, in a file of their
        // own (see AuditSealStore), so sealing never competes with token writes for the store's single write lock.
        var seal = modelBuilder.Entity<AuditSeal>();
        seal.ToTable("audit_seals");
        seal.HasKey(s => new { s.Folder, s.Chain });
        seal.Property(s => s.Folder).HasMaxLength(400);
        seal.Property(s => s.Chain).HasMaxLength(100);
        seal.Property(s => s.File).HasMaxLength(200);
        seal.Property(s => s.Mac).HasMaxLength(64);
    }
}
