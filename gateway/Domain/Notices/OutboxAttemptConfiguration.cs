using Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Notices;

/// <summary>The <c>outbox_attempts</c> table: the delivery log, newest first per delivery.</summary>
internal sealed class OutboxAttemptConfiguration : IEntityTypeConfiguration<OutboxAttempt>
{
    public void Configure(EntityTypeBuilder<OutboxAttempt> builder)
    {
        builder.ToTable("outbox_attempts");
        builder.Property(a => a.Result).HasMaxLength(500);
        builder.Property(a => a.By).HasMaxLength(64);
        builder.HasIndex(a => new { a.DeliveryId, a.At });
        builder.HasOne<OutboxDelivery>().WithMany(d => d.AttemptLog).HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
