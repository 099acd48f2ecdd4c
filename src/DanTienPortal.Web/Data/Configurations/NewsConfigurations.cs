using DanTienPortal.Web.News;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanTienPortal.Web.Data.Configurations;

internal sealed class NewsPostConfiguration : IEntityTypeConfiguration<NewsPost>
{
    public void Configure(EntityTypeBuilder<NewsPost> builder)
    {
        builder.ToTable("news_posts");
        builder.HasIndex(p => p.Slug).IsUnique();
        // The public pages and the publisher read only what is or will be public.
        builder.HasIndex(p => new { p.Status, p.PublishAt });
        builder.Property(p => p.Slug).HasMaxLength(NewsLimits.Slug);
        builder.Property(p => p.Title).HasMaxLength(NewsLimits.Title);
        builder.Property(p => p.Summary).HasMaxLength(NewsLimits.Summary);
        builder.Property(p => p.Body).HasMaxLength(NewsLimits.Body);
        builder.Property(p => p.CoverAlt).HasMaxLength(NewsLimits.CoverAlt);
        builder.Property(p => p.CreatedById).HasMaxLength(450);
        builder.Property(p => p.CreatedByName).HasMaxLength(100);
        builder.Property(p => p.UpdatedById).HasMaxLength(450);
        builder.Property(p => p.UpdatedByName).HasMaxLength(100);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasOne<NewsImage>().WithMany().HasForeignKey(p => p.CoverImageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Revisions).WithOne().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NewsRevisionConfiguration : IEntityTypeConfiguration<NewsRevision>
{
    public void Configure(EntityTypeBuilder<NewsRevision> builder)
    {
        builder.ToTable("news_revisions");
        builder.HasIndex(r => new { r.PostId, r.At });
        builder.Property(r => r.ById).HasMaxLength(450);
        builder.Property(r => r.ByName).HasMaxLength(100);
        builder.Property(r => r.Title).HasMaxLength(NewsLimits.Title);
        builder.Property(r => r.Summary).HasMaxLength(NewsLimits.Summary);
        builder.Property(r => r.Body).HasMaxLength(NewsLimits.Body);
    }
}

internal sealed class NewsImageConfiguration : IEntityTypeConfiguration<NewsImage>
{
    public void Configure(EntityTypeBuilder<NewsImage> builder)
    {
        builder.ToTable("news_images");
        // The same file uploaded twice is stored once.
        builder.HasIndex(i => i.Sha256);
        builder.Property(i => i.ContentType).HasMaxLength(50);
        builder.Property(i => i.Sha256).HasMaxLength(32);
        builder.Property(i => i.UploadedById).HasMaxLength(450);
    }
}
