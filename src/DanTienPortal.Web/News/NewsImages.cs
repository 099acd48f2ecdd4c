using System.Buffers.Binary;
using System.Security.Cryptography;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DanTienPortal.Web.News;

/// <summary>Cover images: checked from their bytes, stored once in PostgreSQL, served for good at <c>/anh/{id}/{hash}</c>.</summary>
public static class NewsImages
{
    public const string TooLarge = "Ảnh bìa lớn hơn 2 MB; hãy thu nhỏ ảnh rồi tải lên lại.";

    /// <summary>The image as stored, or the reason it is refused, in Vietnamese.</summary>
    public static (NewsImage? Image, string? Error) Check(byte[] content, string uploadedById, DateTimeOffset now)
    {
        if (content.Length == 0)
        {
            return (null, "Tệp ảnh bìa rỗng.");
        }

        if (content.Length > NewsLimits.MaxImageBytes)
        {
            return (null, TooLarge);
        }

        var type = FileTypes.Detect(content);
        if (type is not (FileTypes.Jpeg or FileTypes.Png))
        {
            return (null, "Ảnh bìa phải là ảnh JPG hoặc PNG.");
        }

        var (width, height) = Size(content, type);
        return (new NewsImage
        {
            Content = content,
            ContentType = type,
            Width = width,
            Height = height,
            Sha256 = SHA256.HashData(content),
            UploadedAt = now,
            UploadedById = uploadedById,
        }, null);
    }

    /// <summary>Width and height from the PNG header or the JPEG frame header; null when they cannot be read.</summary>
    public static (int? Width, int? Height) Size(ReadOnlySpan<byte> image, string contentType)
    {
        if (contentType == FileTypes.Png)
        {
            return image.Length >= 24 && image[12..16].SequenceEqual("IHDR"u8)
                ? ((int)BinaryPrimitives.ReadUInt32BigEndian(image[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(image[20..]))
                : (null, null);
        }

        // JPEG: walk the segments to the first start-of-frame marker (C0–CF, except C4, C8 and CC).
        var at = 2;
        while (at + 9 < image.Length && image[at] == 0xFF)
        {
            var marker = image[at + 1];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(image[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(image[(at + 5)..]));
            }

            // A fill byte, a marker without a segment, or a segment with its length.
            at += marker switch
            {
                0xFF => 1,
                0x01 or (>= 0xD0 and <= 0xD7) => 2,
                _ => 2 + BinaryPrimitives.ReadUInt16BigEndian(image[(at + 2)..]),
            };
        }

        return (null, null);
    }

    /// <summary>Stores the image, or finds the same bytes stored before.</summary>
    public static async Task<NewsImage> StoreAsync(PortalDbContext db, NewsImage image, CancellationToken cancellationToken)
    {
        var existing = await db.NewsImages.FirstOrDefaultAsync(i => i.Sha256 == image.Sha256, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        db.NewsImages.Add(image);
        await db.SaveChangesAsync(cancellationToken);
        return image;
    }

    /// <summary>The cover of a post as pages show it, without reading the image's bytes.</summary>
    public static Task<NewsCover?> CoverAsync(PortalDbContext db, long? id, string? alt, CancellationToken cancellationToken) =>
        id is null
            ? Task.FromResult<NewsCover?>(null)
            : db.NewsImages.AsNoTracking().Where(i => i.Id == id)
                .Select(i => new NewsCover(NewsImage.UrlOf(i.Id, i.Sha256), alt ?? "", i.Width, i.Height))
                .FirstOrDefaultAsync(cancellationToken);

    /// <summary><c>GET /anh/{id}/{hash}</c>: the bytes with their type, cached by browsers and proxies for a year.</summary>
    public static IEndpointRouteBuilder MapNewsImages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/anh/{id:long}/{hash}", async (long id, string hash, PortalDbContext db, HttpResponse response, CancellationToken cancellationToken) =>
        {
            var image = await db.NewsImages.AsNoTracking().Where(i => i.Id == id)
                .Select(i => new { i.Content, i.ContentType, i.Sha256 })
                .FirstOrDefaultAsync(cancellationToken);
            if (image is null || NewsImage.Hash(image.Sha256) != hash)
            {
                return Results.NotFound();
            }

            // The address changes whenever the bytes do, so the answer never goes stale.
            response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.File(image.Content, image.ContentType, entityTag: new EntityTagHeaderValue($"\"{hash}\""));
        });
        return endpoints;
    }
}
