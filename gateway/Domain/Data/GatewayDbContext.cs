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

        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        ConfigureOutbox(modelBuilder);
    }

    private static void ConfigureOutbox(ModelBuilder modelBuilder)
    {
        var outboxEvent = modelBuilder.Entity<OutboxEvent>();
        outboxEvent.ToTable("outbox_events");
        outboxEvent.Property(e => e.PublicId).HasMaxLength(40);
        outboxEvent.Property(e => e.Key).HasMaxLength(200);
        outboxEvent.Property(e => e.Type).HasMaxLength(40);
        outboxEvent.HasIndex(e => e.Key).IsUnique();
        outboxEvent.HasIndex(e => e.PublicId).IsUnique();
        outboxEvent.HasIndex(e => e.DispatchedAt);
        outboxEvent.HasIndex(e => e.OccurredAt);
        // An event outlives its token: deleting the token only clears the link; the event's data keeps the rest.
        outboxEvent.HasOne<ApiToken>().WithMany().HasForeignKey(e => e.TokenId).OnDelete(DeleteBehavior.SetNull);

        var delivery = modelBuilder.Entity<OutboxDelivery>();
        delivery.ToTable("outbox_deliveries");
        delivery.Property(d => d.Channel).HasMaxLength(20);
        delivery.Property(d => d.Target).HasMaxLength(50);
        delivery.Property(d => d.Status).HasMaxLength(20);
        delivery.Property(d => d.LeaseOwner).HasMaxLength(64);
        delivery.Property(d => d.LastResult).HasMaxLength(500);
        // One delivery per event and destination, however many dispatchers fan the event out at once.
        delivery.HasIndex(d => new { d.EventId, d.Channel, d.Target }).IsUnique();
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasOne(d => d.Event).WithMany(e => e.Deliveries).HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);

        var attempt = modelBuilder.Entity<OutboxAttempt>();
        attempt.ToTable("outbox_attempts");
        attempt.Property(a => a.Result).HasMaxLength(500);
        attempt.Property(a => a.By).HasMaxLength(64);
        attempt.HasIndex(a => new { a.DeliveryId, a.At });
        attempt.HasOne<OutboxDelivery>().WithMany(d => d.AttemptLog).HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
