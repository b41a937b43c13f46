using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Data;

/// <summary>
/// The token store. Only the token services use it; the request path reads through the cache. One model for every
/// provider; each provider has its own subclass only so that it can carry its own migrations (EF Core's
/// "one context type per provider"): <see cref="SqliteGatewayDbContext"/> and <see cref="PostgresGatewayDbContext"/>.
/// </summary>
public abstract class GatewayDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<ApiToken> Tokens => Set<ApiToken>();

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();

    public DbSet<AdminApiKey> AdminApiKeys => Set<AdminApiKey>();

    public DbSet<TokenUsageDay> TokenUsageDays => Set<TokenUsageDay>();

    public DbSet<TokenClientIp> TokenClientIps => Set<TokenClientIp>();

    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();

    public DbSet<OutboxDelivery> OutboxDeliveries => Set<OutboxDelivery>();

    public DbSet<OutboxAttempt> OutboxAttempts => Set<OutboxAttempt>();

    /// <summary>Per-client policy and state (portal, limits, suspended/closed); most clients have no row.</summary>
    public DbSet<ClientAccount> Clients => Set<ClientAccount>();

    /// <summary>The key ring the admin cookies and antiforgery tokens are sealed with, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every timestamp is UTC; SQLite stores text without a zone, so say so when reading back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var token = modelBuilder.Entity<ApiToken>();
        token.ToTable("tokens");
        token.Property(t => t.Name).HasMaxLength(50);
        token.Property(t => t.TokenHash).HasMaxLength(32);
        token.Property(t => t.Hint).HasMaxLength(64);
        token.Property(t => t.CreatedBy).HasMaxLength(200);
        token.Property(t => t.RevokedBy).HasMaxLength(200);
        token.Property(t => t.RevokeReason).HasMaxLength(500);
        token.Property(t => t.LastUsedIp).HasMaxLength(45);
        token.Property(t => t.RevokeKind).HasMaxLength(20);
        token.Property(t => t.LeakedUrl).HasMaxLength(2048);
        token.HasIndex(t => t.TokenHash).IsUnique();
        // The expiry-notice scan and the hygiene gauges read these every minute.
        token.HasIndex(t => t.ExpiresOn);
        token.HasIndex(t => t.RevokeKind);
        // Names are unique among a client's live tokens; a revoked token's name can be reused.
        token.HasIndex(t => new { t.ClientId, t.Name }).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        token.HasMany(t => t.Roles).WithMany(r => r.Tokens).UsingEntity("token_roles");

        var role = modelBuilder.Entity<Role>();
        role.ToTable("roles");
        role.Property(r => r.Name).HasMaxLength(50);
        role.Property(r => r.Description).HasMaxLength(200);
        role.HasIndex(r => r.Name).IsUnique();

        var staff = modelBuilder.Entity<StaffAccount>();
        staff.ToTable("staff_accounts");
        staff.Property(s => s.Username).HasMaxLength(50);
        staff.Property(s => s.PasswordHash).HasMaxLength(200);
        staff.Property(s => s.Role).HasMaxLength(20);
        staff.Property(s => s.SecurityStamp).HasMaxLength(64);
        staff.Property(s => s.TotpSecret).HasMaxLength(1000);
        staff.HasIndex(s => s.Username).IsUnique();

        var key = modelBuilder.Entity<AdminApiKey>();
        key.ToTable("admin_api_keys");
        key.Property(k => k.Name).HasMaxLength(50);
        key.Property(k => k.KeyHash).HasMaxLength(32);
        key.Property(k => k.Hint).HasMaxLength(64);
        key.Property(k => k.Role).HasMaxLength(20);
        key.Property(k => k.CreatedBy).HasMaxLength(200);
        key.Property(k => k.RevokedBy).HasMaxLength(200);
        key.HasIndex(k => k.KeyHash).IsUnique();
        // A deleted account's keys are revoked first (AdminKeyService); the rows stay, ownerless, for the record.
        key.HasOne<StaffAccount>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.SetNull);

        // Usage history goes with its token. Requests is a concurrency token because the flush adds to the
        // count it read: an instance that wrote in between makes the flush fail and retry rather than lose counts.
        var day = modelBuilder.Entity<TokenUsageDay>();
        day.ToTable("token_usage_days");
        day.HasKey(d => new { d.TokenId, d.Day });
        day.Property(d => d.Requests).IsConcurrencyToken();
        day.HasOne<ApiToken>().WithMany().HasForeignKey(d => d.TokenId).OnDelete(DeleteBehavior.Cascade);

        var clientIp = modelBuilder.Entity<TokenClientIp>();
        clientIp.ToTable("token_client_ips");
        clientIp.HasKey(c => new { c.TokenId, c.Ip });
        clientIp.Property(c => c.Ip).HasMaxLength(45);
        clientIp.Property(c => c.Requests).IsConcurrencyToken();
        clientIp.HasIndex(c => new { c.TokenId, c.LastSeen });
        clientIp.HasOne<ApiToken>().WithMany().HasForeignKey(c => c.TokenId).OnDelete(DeleteBehavior.Cascade);

        var client = modelBuilder.Entity<ClientAccount>();
        client.ToTable("clients");
        client.HasKey(c => c.ClientId);
        client.Property(c => c.ClientId).ValueGeneratedNever();
        client.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        client.Property(c => c.StateChangedBy).HasMaxLength(200);
        client.Property(c => c.StateReason).HasMaxLength(500);

        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        // Features that keep their tables' mapping beside them (Sessions/, Staff/).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GatewayDbContext).Assembly);
    }
}
