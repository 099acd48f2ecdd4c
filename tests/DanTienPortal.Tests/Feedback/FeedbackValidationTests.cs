using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace DanTienPortal.Tests.Feedback;

/// <summary>Each rule of the form, on the real content (topics, procedures).</summary>
public sealed class FeedbackValidationTests
{
    private static readonly ContentSnapshot Content = new ContentLoader(new MarkdownRenderer(), new FakeTimeProvider()).Load(ContentFolder.RealContent);

    private static FeedbackForm Valid(string kind = "quy-dinh") => new()
    {
        Kind = kind,
        Category = "ha-tang",
        Title = "Đường xóm bị sụt lún",
        Content = "Đoạn đường qua xóm bị sụt lún từ tháng trước, xe máy đi lại rất nguy hiểm.",
        Name = "Nguyễn Văn An",
        Address = "Xóm Một, xã Dân Tiến",
        Phone = "0912 345 678",
        ConsentProcessing = true,
    };

    private static Dictionary<string, string> Errors(FeedbackForm form, IReadOnlyList<UploadedFile>? files = null) => form.Validate(Content, files ?? []).Errors;

    [Fact]
    public void A_complete_form_passes_and_comes_out_cleaned()
    {
        var form = Valid();
        form.Title = "  Đường xóm bị sụt lún\u0007  ";
        form.Procedure = "dang-ky-khai-sinh";

        var (submission, errors) = form.Validate(Content, []);

        Assert.Empty(errors);
        Assert.NotNull(submission);
        Assert.Equal("Đường xóm bị sụt lún", submission.Title);
        Assert.Equal("0912345678", submission.Phone);
        Assert.Equal("dang-ky-khai-sinh", submission.Procedure?.Slug);
        Assert.False(submission.ConsentToPublish);
    }

    [Fact]
    public void An_empty_form_names_every_missing_field_in_vietnamese()
    {
        var errors = Errors(new FeedbackForm());

        Assert.Equal("Vui lòng chọn loại phản ánh.", errors["Kind"]);
        Assert.Equal("Vui lòng chọn chủ đề của phản ánh.", errors["Category"]);
        Assert.StartsWith("Vui lòng nhập tiêu đề", errors["Title"], StringComparison.Ordinal);
        Assert.StartsWith("Vui lòng trình bày nội dung", errors["Content"], StringComparison.Ordinal);
        Assert.Equal("Vui lòng nhập họ và tên.", errors["Name"]);
        Assert.Equal("Vui lòng nhập địa chỉ liên hệ.", errors["Address"]);
        Assert.StartsWith("Vui lòng nhập số điện thoại", errors["Phone"], StringComparison.Ordinal);
        Assert.StartsWith("Bạn cần đồng ý", errors["ConsentProcessing"], StringComparison.Ordinal);
        Assert.DoesNotContain("Email", errors.Keys);
    }

    [Fact]
    public void A_complaint_must_name_the_decision_or_act_and_who_made_it()
    {
        var errors = Errors(Valid("khieu-nai"));

        Assert.StartsWith("Vui lòng ghi rõ quyết định hoặc hành vi bị khiếu nại", errors["ComplaintSubject"], StringComparison.Ordinal);
        Assert.Equal("Vui lòng ghi rõ người hoặc cơ quan bị khiếu nại.", errors["ComplaintAgainst"]);
    }

    [Fact]
    public void A_report_on_conduct_must_name_the_official_but_no_decision()
    {
        var errors = Errors(Valid("hanh-vi"));

        Assert.Equal("Vui lòng ghi rõ cán bộ hoặc bộ phận bị phản ánh.", errors["ComplaintAgainst"]);
        Assert.DoesNotContain("ComplaintSubject", errors.Keys);
    }

    [Fact]
    public void Lengths_are_limited_with_the_count_the_citizen_wrote()
    {
        var form = Valid();
        form.Content = "Ngắn quá";
        form.Title = new string('a', FeedbackLimits.Title + 1);

        var errors = Errors(form);

        Assert.Equal("Cần ít nhất 20 ký tự để cán bộ hiểu được sự việc (bạn đã viết 8).", errors["Content"]);
        Assert.StartsWith("Không quá 200 ký tự (bạn đã viết 201)", errors["Title"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("091.234.5678", "0912345678")]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData("84912345678", "0912345678")]
    [InlineData("0208 3851 234", "02083851234")]
    [InlineData("12345", null)]
    [InlineData("0012345678", null)]
    [InlineData("09123abc78", null)]
    [InlineData("'; DROP TABLE --", null)]
    public void Phone_numbers_are_read_in_every_usual_form(string typed, string? normalized) =>
        Assert.Equal(normalized, FeedbackForm.NormalizePhone(typed));

    [Theory]
    [InlineData("ten@gmail.com", true)]
    [InlineData("ten.ho@ubnd.dantien.gov.vn", true)]
    [InlineData("ten@", false)]
    [InlineData("Tên <ten@gmail.com>", false)]
    [InlineData("ten@localhost", false)]
    public void An_email_address_is_optional_but_must_be_one_when_given(string email, bool valid)
    {
        var form = Valid();
        form.Email = email;
        Assert.Equal(valid, !Errors(form).ContainsKey("Email"));
    }

    [Fact]
    public void An_unknown_topic_procedure_or_kind_is_refused_not_trusted()
    {
        var form = Valid("xoa-du-lieu");
        form.Category = "khong-co";
        form.Procedure = "../../etc/passwd";

        var errors = Errors(form);

        Assert.Contains("Kind", errors.Keys);
        Assert.Contains("Category", errors.Keys);
        Assert.StartsWith("Thủ tục đã chọn không có trong danh mục", errors["Procedure"], StringComparison.Ordinal);
    }

    [Fact]
    public void Files_are_judged_by_their_bytes_and_at_most_three_are_taken()
    {
        var png = new UploadedFile("anh.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2]);
        var fakeJpeg = new UploadedFile("anh.jpg", "MZ this is a program"u8.ToArray());
        var errors = Errors(Valid(), [png, fakeJpeg]);
        Assert.Equal("Tệp “anh.jpg” không phải ảnh JPG, PNG, tệp PDF hoặc Word (DOCX).", errors["Files"]);

        Assert.StartsWith("Chỉ gửi được tối đa 3 tệp", Errors(Valid(), [png, png, png, png])["Files"], StringComparison.Ordinal);

        var (submission, _) = Valid().Validate(Content, [new UploadedFile("C:\\Users\\An\\giay to", "%PDF-1.7 ..."u8.ToArray())]);
        var attachment = Assert.Single(submission!.Attachments);
        Assert.Equal(("giay to.pdf", FileTypes.Pdf), (attachment.FileName, attachment.ContentType));
    }

    [Fact]
    public void A_word_file_is_a_zip_package_with_a_document_part()
    {
        static byte[] Zip(params string[] entries)
        {
            using var memory = new MemoryStream();
            using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create))
            {
                foreach (var entry in entries)
                {
                    using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                    writer.Write("<x/>");
                }
            }

            return memory.ToArray();
        }

        Assert.Equal(FileTypes.Docx, FileTypes.Detect(Zip("[Content_Types].xml", "word/document.xml")));
        Assert.Null(FileTypes.Detect(Zip("[Content_Types].xml", "xl/workbook.xml")));
        Assert.Null(FileTypes.Detect("PK\u0003\u0004 not really a zip"u8));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("<script>x</script>.png", "script.png")]
    [InlineData("...", "tep-dinh-kem")]
    [InlineData("ảnh đường xóm.jpg", "ảnh đường xóm.jpg")]
    public void File_names_lose_folders_and_markup(string name, string safe) =>
        Assert.Equal(safe, FeedbackForm.SafeFileName(name));
}
