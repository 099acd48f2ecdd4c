using DanTienPortal.Web.Search;

namespace DanTienPortal.Tests.Search;

public sealed class SnippetTests
{
    private static readonly HashSet<string> KhaiSinh = new(["khai", "sinh", "uy", "quyen"], StringComparer.Ordinal);

    [Fact]
    public void The_passage_with_the_most_different_words_wins_over_an_earlier_one_with_fewer()
    {
        var filler = string.Join(' ', Enumerable.Repeat("nội dung khác của trang", 40));
        var text = $"Khai khai khai khai. {filler} Người được ủy quyền đi khai sinh cho con. {filler}";

        var snippet = Snippet.Build(text, KhaiSinh);

        Assert.StartsWith("… ", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>ủy</mark> <mark>quyền</mark> đi <mark>khai</mark> <mark>sinh</mark>", snippet, StringComparison.Ordinal);
        Assert.EndsWith(" …", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length < 160 + 200, snippet);
    }

    [Fact]
    public void A_short_text_is_shown_whole_with_its_words_marked()
    {
        var snippet = Snippet.Build("Đăng ký khai sinh tại xã.", KhaiSinh);

        Assert.Equal("Đăng ký <mark>khai</mark> <mark>sinh</mark> tại xã.", snippet);
    }

    [Fact]
    public void Words_past_the_scanned_start_of_a_long_text_are_not_looked_for()
    {
        var text = string.Join(' ', Enumerable.Repeat("không liên quan", 1000)) + " khai sinh";

        var snippet = Snippet.Build(text, KhaiSinh);

        Assert.DoesNotContain("<mark>", snippet, StringComparison.Ordinal);
        Assert.StartsWith("không liên quan", snippet, StringComparison.Ordinal);
    }
}
