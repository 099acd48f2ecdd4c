using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Content;

namespace DanTienPortal.Tests.Content;

public sealed class CheckContentTests
{
    private static (int ExitCode, string Output) Check(string folder)
    {
        using var output = new StringWriter();
        var exitCode = CheckContentCommand.Run(folder, output);
        return (exitCode, output.ToString());
    }

    [Fact]
    public void The_real_content_folder_passes()
    {
        var (exitCode, output) = Check(ContentFolder.RealContent);
        Assert.True(exitCode == 0, output);
        Assert.Contains("48 thủ tục", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_minimal_fixture_passes()
    {
        using var content = ContentFolder.Minimal();
        var (exitCode, output) = Check(content.Path);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void A_missing_required_key_is_reported_with_its_file()
    {
        using var content = ContentFolder.Minimal();
        content.Write("procedures/khai-tu.md", ContentFolder.Procedure("Đăng ký khai tử").Replace("fee: Miễn phí\n", "", StringComparison.Ordinal));

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("procedures/khai-tu.md:1: thiếu thông tin bắt buộc 'fee'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_department_is_reported_on_its_line()
    {
        using var content = ContentFolder.Minimal();
        content.Write("procedures/khai-tu.md", ContentFolder.Procedure("Đăng ký khai tử", agency: "phong-khong-co"));

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("procedures/khai-tu.md:4: cơ quan 'phong-khong-co' không có", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_reported_on_its_line()
    {
        using var content = ContentFolder.Minimal();
        content.Write("procedures/khai-tu.md", ContentFolder.Procedure("Đăng ký khai tử", field: "khong-co"));

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("procedures/khai-tu.md:3: lĩnh vực 'khong-co' không có trong fields.yml", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_slug_is_reported_and_only_the_first_file_is_kept()
    {
        using var content = ContentFolder.Minimal();
        content.Write("procedures/zz-ban-sao.md", ContentFolder.Procedure("Bản sao", extraFrontMatter: "slug: dang-ky-khai-sinh"));

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("procedures/zz-ban-sao.md:1: đường dẫn 'dang-ky-khai-sinh' trùng với thủ tục trong procedures/dang-ky-khai-sinh.md", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_internal_link_is_reported_on_its_line()
    {
        using var content = ContentFolder.Minimal();
        content.Write("pages/lien-he.md", "---\ntitle: Liên hệ\ndescription: Cách liên hệ.\n---\nĐoạn đầu.\n\nXem [thủ tục](/thu-tuc/khong-co-thu-tuc-nay) và [trang chủ](/).\n");

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("pages/lien-he.md:7: liên kết '/thu-tuc/khong-co-thu-tuc-nay' không dẫn tới trang nào", output, StringComparison.Ordinal);
        Assert.DoesNotContain("liên kết '/'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_procedure_without_its_required_sections_is_reported()
    {
        using var content = ContentFolder.Minimal();
        var sections = ContentFolder.AllSections.Replace("## Lệ phí", "## Chi phí", StringComparison.Ordinal);
        content.Write("procedures/khai-tu.md", ContentFolder.Procedure("Đăng ký khai tử", sections: sections));

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("procedures/khai-tu.md:2: thiếu mục bắt buộc trong nội dung: '## Lệ phí'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_out_of_order_are_reported()
    {
        using var content = ContentFolder.Minimal();
        var sections = string.Join("\n", ContentLoader.ProcedureSections.Reverse().Select(s => $"## {s}\n\nNội dung.\n"));
        content.Write("procedures/khai-tu.md", ContentFolder.Procedure("Đăng ký khai tử", sections: sections));

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("procedures/khai-tu.md:2: các mục phải theo thứ tự", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_yaml_is_reported_with_the_line_of_the_error()
    {
        using var content = ContentFolder.Minimal();
        content.Write("procedures/khai-tu.md", "---\ntitle: Đăng ký khai tử\nfield: ho-tich\nagency: \"van-phong\n---\n## Trình tự thực hiện\n");
        content.Write("procedures/cai-chinh.md", "---\ntitle: Cải chính\nfield: [ho-tich\n---\n");

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("procedures/khai-tu.md:", StringComparison.Ordinal));
        Assert.Contains("YAML không đọc được", line, StringComparison.Ordinal);
        var lineNumber = int.Parse(line.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lineNumber, 4, 5);
        Assert.Matches(@"procedures/cai-chinh\.md:[2-4]: YAML không đọc được", output);
    }

    [Fact]
    public void A_file_without_front_matter_and_a_bad_value_in_the_task_list_are_reported()
    {
        using var content = ContentFolder.Minimal();
        content.Write("news/khong-co-thong-tin.md", "Chỉ có nội dung.\n");
        content.Write("plan/nhiem-vu.yml", content.Read("plan/nhiem-vu.yml").Replace("status: chua-cap-nhat", "status: xong", StringComparison.Ordinal));

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("news/khong-co-thong-tin.md:1: tệp phải bắt đầu bằng phần thông tin", output, StringComparison.Ordinal);
        Assert.Contains("plan/nhiem-vu.yml:1: trạng thái 'xong'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_is_left_out_while_the_good_ones_load()
    {
        using var content = ContentFolder.Minimal();
        content.Write("procedures/khai-tu.md", "---\ntitle: [\n---\n");

        var snapshot = new ContentLoader(new MarkdownRenderer(), TimeProvider.System).Load(content.Path);

        Assert.Equal(["dang-ky-khai-sinh"], snapshot.Procedures.Select(p => p.Slug));
        Assert.Contains(snapshot.Problems, p => p.File == "procedures/khai-tu.md");
    }

    [Fact]
    public void A_feedback_topic_sent_to_an_unknown_or_outside_department_is_reported()
    {
        using var content = ContentFolder.Minimal();
        content.Write("agencies/cong-an-xa.md", "---\nname: Công an xã\nshort_name: Công an\nkind: external\norder: 9\n---\nNội dung.\n");
        content.Write("feedback.yml", """
            default_department: cong-an-xa
            categories:
              - key: thu-tuc
                name: Thủ tục
                department: van-phong
              - key: thu-tuc
                name: Trùng
                department: van-phong
              - key: khac
                name: Việc khác
                department: phong-khong-co
            hamlets: []
            """);

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("feedback.yml:1: default_department: 'cong-an-xa' không phải phòng, ban nào", output, StringComparison.Ordinal);
        Assert.Contains("feedback.yml:6: chủ đề 'thu-tuc' bị trùng", output, StringComparison.Ordinal);
        Assert.Contains("feedback.yml:11: chủ đề 'khac': 'phong-khong-co' không phải phòng, ban nào", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_day_that_is_not_a_date_of_its_year_or_a_working_saturday_that_is_no_saturday_is_reported()
    {
        using var content = ContentFolder.Minimal();
        content.Write("calendar.yml", """
            2026:
              confirmed: true
              days_off: [2026-09-02, 2027-01-01, 2026-13-01]
              working_saturdays: [2026-08-21]
            """);

        var (exitCode, output) = Check(content.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("calendar.yml:3: '2027-01-01' trong days_off: cần một ngày yyyy-MM-dd của năm 2026", output, StringComparison.Ordinal);
        Assert.Contains("'2026-13-01' trong days_off", output, StringComparison.Ordinal);
        Assert.Contains("calendar.yml:4: '2026-08-21' trong working_saturdays", output, StringComparison.Ordinal);
    }
}
