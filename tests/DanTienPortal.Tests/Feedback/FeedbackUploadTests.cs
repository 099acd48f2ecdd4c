using System.Net;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Feedback;

/// <summary>Attachments: sizes, and types told from the bytes, never from the name or the browser.</summary>
public sealed class FeedbackUploadTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private const string NotAllowed = "không phải ảnh JPG, PNG, tệp PDF hoặc Word (DOCX).";

    private readonly FeedbackClient _client = new(portal);

    public static TheoryData<string, string, string> RealFiles => new()
    {
        { "jpeg", SampleFiles.Jpeg, ".jpg" },
        { "png", SampleFiles.Png, ".png" },
        { "pdf", SampleFiles.Pdf, ".pdf" },
        { "docx", SampleFiles.Docx, ".docx" },
    };

    public static TheoryData<string, string, string> Impostors => new()
    {
        { "executable", "anh.jpg", SampleFiles.Jpeg },
        { "script", "anh.jpg", SampleFiles.Jpeg },
        { "zip", "don.docx", SampleFiles.Docx },
    };

    [Fact]
    public async Task A_file_over_5_mb_is_refused_next_to_the_field_and_nothing_is_stored()
    {
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var response = await _client.SubmitAsync(files: [new FilePart("anh-lon.jpg", SampleFiles.Jpeg, SampleFiles.JpegOfSize((5 * 1024 * 1024) + 1))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Tệp “anh-lon.jpg” lớn hơn 5 MB.", page.QuerySelector("#loi-files")?.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("#files")!.GetAttribute("aria-invalid"));
        Assert.Contains("vui lòng chọn lại 1 tệp", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task A_file_of_exactly_5_mb_is_accepted()
    {
        var receipt = await _client.SubmitValidAsync(files: [new FilePart("anh.jpg", SampleFiles.Jpeg, SampleFiles.JpegOfSize(5 * 1024 * 1024))]);

        var stored = Assert.Single((await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Attachments);
        Assert.Equal(5 * 1024 * 1024, stored.Size);
    }

    [Fact]
    public async Task More_than_three_files_are_refused_next_to_the_field_and_nothing_is_stored()
    {
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var response = await _client.SubmitAsync(files: Enumerable.Range(1, 4).Select(i => new FilePart($"anh-{i}.png", SampleFiles.Png, SampleFiles.PngImage())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Chỉ gửi được tối đa 3 tệp; bạn đã chọn 4.", page.QuerySelector("#loi-files")?.TextContent.Trim());
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Theory]
    [MemberData(nameof(Impostors))]
    public async Task A_file_whose_bytes_are_not_an_allowed_type_is_refused_whatever_its_name_and_type(string what, string name, string claimedType)
    {
        var bytes = what switch
        {
            "executable" => SampleFiles.Executable(),
            "script" => SampleFiles.Script(),
            _ => SampleFiles.PlainZip(),
        };
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var response = await _client.SubmitAsync(files: [new FilePart(name, claimedType, bytes)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal($"Tệp “{name}” {NotAllowed}", page.QuerySelector("#loi-files")?.TextContent.Trim());
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public async Task A_real_file_of_each_allowed_type_is_stored_with_the_type_read_from_its_bytes(string what, string type, string extension)
    {
        var bytes = what switch
        {
            "jpeg" => SampleFiles.JpegImage(),
            "png" => SampleFiles.PngImage(),
            "pdf" => SampleFiles.PdfDocument(),
            _ => SampleFiles.DocxDocument(),
        };

        // The browser claims nothing useful: a generic type and a name with no extension.
        var receipt = await _client.SubmitValidAsync(files: [new FilePart("giay-to", "application/octet-stream", bytes)]);

        var stored = Assert.Single((await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Attachments);
        Assert.Equal(type, stored.ContentType);
        Assert.Equal("giay-to" + extension, stored.FileName);
        Assert.Equal(bytes.Length, stored.Size);
        Assert.Equal(bytes, stored.Content);
    }

    [Fact]
    public async Task A_png_named_and_labelled_as_a_pdf_is_stored_as_the_png_it_is()
    {
        var receipt = await _client.SubmitValidAsync(files:
        [
            new FilePart("ban-scan.pdf", SampleFiles.Pdf, SampleFiles.PngImage()),
            new FilePart("don.docx", SampleFiles.Docx, SampleFiles.DocxDocument()),
            new FilePart("ảnh hiện trường.jpeg", SampleFiles.Png, SampleFiles.JpegImage()),
        ]);

        var stored = (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Attachments.OrderBy(a => a.Id).ToList();
        Assert.Equal(["ban-scan.png", "don.docx", "ảnh hiện trường.jpeg"], stored.Select(a => a.FileName));
        Assert.Equal([SampleFiles.Png, SampleFiles.Docx, SampleFiles.Jpeg], stored.Select(a => a.ContentType));
    }

    public void Dispose() => _client.Dispose();
}
