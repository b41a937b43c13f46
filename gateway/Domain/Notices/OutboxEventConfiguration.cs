using Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Notices;

/// <summary>The <c>outbox_events</c> table: once-only keys, and the events not yet fanned out.</summary>
internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.ToTable("outbox_events");
        builder.Property(e => e.PublicId).HasMaxLength(40);
        builder.Property(e => e.Key).HasMaxLength(200);
        builder.Property(e => e.Type).HasMaxLength(40);
        builder.HasIndex(e => e.Key).IsUnique();
        builder.HasIndex(e => e.PublicId).IsUnique();
        builder.HasIndex(e => e.DispatchedAt);
        builder.HasIndex(e => e.OccurredAt);
        // An event outlives its token: deleting the token only clears the link; the event's data keeps the rest.
        builder.HasOne<ApiToken>().WithMany().HasForeignKey(e => e.TokenId).OnDelete(DeleteBehavior.SetNull);
    }
}
