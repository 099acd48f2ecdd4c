using DanTienPortal.Web.Content;

namespace DanTienPortal.Tests.Content;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _markdown = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[bấm vào](javascript:alert(1))")]
    [InlineData("[bấm vào](JaVaScRiPt:alert(1))")]
    [InlineData("![ảnh](javascript:alert(1))")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void Markdown_cannot_carry_script(string markdown)
    {
        var html = _markdown.Render(markdown).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html.Replace("onerror=alert(1)&gt;", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:text/html", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Headings_get_unique_vietnamese_safe_ids_and_a_table_of_contents()
    {
        var rendered = _markdown.Render("## Thành phần hồ sơ\n\n### Đối tượng\n\n## Thành phần hồ sơ\n\n## Lệ phí — 2026\n");

        Assert.Equal(["thanh-phan-ho-so", "doi-tuong", "thanh-phan-ho-so-2", "le-phi-2026"], rendered.Headings.Select(h => h.Id));
        Assert.Equal([2, 3, 2, 2], rendered.Headings.Select(h => h.Level));
        Assert.Contains("<h2 id=\"thanh-phan-ho-so\">Thành phần hồ sơ</h2>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_of_documents_becomes_a_checklist_and_other_lists_do_not()
    {
        var html = _markdown.Render("## Trình tự thực hiện\n\n- bước\n\n## Thành phần hồ sơ\n\n- Tờ khai\n- Giấy chứng sinh\n").Html;

        Assert.Contains("<ul class=\"checklist\">", html, StringComparison.Ordinal);
        Assert.Single(html.Split("class=\"checklist\"").Skip(1));
    }

    [Fact]
    public void Cases_under_the_documents_section_stay_checklists_until_the_next_section()
    {
        var html = _markdown.Render("## Thành phần hồ sơ\n\n### Trường hợp 1\n\n- Tờ khai\n\n### Trường hợp 2\n\n- Giấy chứng sinh\n\n## Lệ phí\n\n- Miễn phí\n").Html;

        Assert.Equal(2, html.Split("<ul class=\"checklist\">").Length - 1);
        Assert.Contains("<ul>\n<li>Miễn phí", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_footnotes_and_internal_links_are_rendered_and_links_are_collected_with_their_lines()
    {
        var rendered = _markdown.Render("| a | b |\n|---|---|\n| 1 | 2 |\n\nCâu có chú thích.[^1]\n\nXem [khai sinh](/thu-tuc/dang-ky-khai-sinh).\n\n[^1]: Chú thích.\n");

        Assert.Contains("<table>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"footnotes\"", rendered.Html, StringComparison.Ordinal);
        var link = Assert.Single(rendered.Links);
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", link.Path);
        Assert.Equal(7, link.Line);
    }

    [Theory]
    [InlineData("Thành phần hồ sơ", "thanh-phan-ho-so")]
    [InlineData("Đăng ký khai sinh", "dang-ky-khai-sinh")]
    [InlineData("  Ủy ban — nhân dân (xã) ", "uy-ban-nhan-dan-xa")]
    [InlineData("Hoà/Hòa thuỷ thủy", "hoa-hoa-thuy-thuy")]
    [InlineData("Quý I/2026", "quy-i-2026")]
    [InlineData("", "")]
    public void Slugs_drop_diacritics_and_punctuation(string text, string slug) => Assert.Equal(slug, Slug.From(text));
}
