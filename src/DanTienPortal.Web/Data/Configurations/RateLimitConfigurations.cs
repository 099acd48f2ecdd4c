using DanTienPortal.Web.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanTienPortal.Web.Data.Configurations;

internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> builder)
    {
        builder.ToTable("rate_limit_windows");
        builder.IsUnlogged();
        // The window first: the sweep deletes ended windows by a range of this key.
        builder.HasKey(w => new { w.WindowStart, w.Action, w.Client });
        builder.Property(w => w.Action).HasMaxLength(LimitedActions.MaxLength);
        builder.Property(w => w.Client).HasMaxLength(ClientPseudonyms.Length);
    }
}

internal sealed class RateLimitKeyConfiguration : IEntityTypeConfiguration<RateLimitKey>
{
    public void Configure(EntityTypeBuilder<RateLimitKey> builder)
    {
        builder.ToTable("rate_limit_keys");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Key).HasMaxLength(ClientPseudonyms.KeyLength);
    }
}
