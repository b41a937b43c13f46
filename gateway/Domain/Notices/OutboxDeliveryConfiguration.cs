using Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Notices;

/// <summary>The <c>outbox_deliveries</c> table: one row per event and destination, found by status and due time.</summary>
internal sealed class OutboxDeliveryConfiguration : IEntityTypeConfiguration<OutboxDelivery>
{
    public void Configure(EntityTypeBuilder<OutboxDelivery> builder)
    {
        builder.ToTable("outbox_deliveries");
        builder.Property(d => d.Channel).HasMaxLength(20);
        builder.Property(d => d.Target).HasMaxLength(50);
        builder.Property(d => d.Status).HasMaxLength(20);
        builder.Property(d => d.LeaseOwner).HasMaxLength(64);
        builder.Property(d => d.LastResult).HasMaxLength(500);
        // One delivery per event and destination, however many dispatchers fan the event out at once.
        builder.HasIndex(d => new { d.EventId, d.Channel, d.Target }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasOne(d => d.Event).WithMany(e => e.Deliveries).HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
