using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Sessions;

/// <summary>The <c>sessions</c> table: looked up by key hash on every check, ended by subject.</summary>
internal sealed class ServerSessionConfiguration : IEntityTypeConfiguration<ServerSession>
{
    public void Configure(EntityTypeBuilder<ServerSession> builder)
    {
        builder.ToTable("sessions");
        builder.Property(s => s.KeyHash).HasMaxLength(32);
        builder.Property(s => s.SubjectKind).HasMaxLength(20);
        builder.Property(s => s.SubjectId).HasMaxLength(64);
        builder.Property(s => s.EndReason).HasMaxLength(40);
        builder.Property(s => s.CreatedIp).HasMaxLength(45);
        builder.HasIndex(s => s.KeyHash).IsUnique();
        builder.HasIndex(s => new { s.SubjectKind, s.SubjectId });
        builder.HasIndex(s => s.AbsoluteExpiresAt);
    }
}
