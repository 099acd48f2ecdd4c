using DanTienPortal.Web.Search;

namespace DanTienPortal.Tests.Search;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("hoà giải", "hòa giải")]
    [InlineData("Thuỷ lợi, khoẻ mạnh", "Thủy lợi, khỏe mạnh")]
    [InlineData("uỷ ban", "ủy ban")]
    [InlineData("hoàn thành, thuyền, hoạt động", "hoàn thành, thuyền, hoạt động")]
    [InlineData("hòa giải", "hòa giải")]
    public void Tone_placement_is_made_one_way_without_changing_length(string text, string expected)
    {
        var normalized = VietnameseText.Normalize(text);
        Assert.Equal(expected, normalized);
        Assert.Equal(text.Length, normalized.Length);
    }

    [Fact]
    public void Decomposed_text_is_composed_first() =>
        Assert.Equal("khai sinh hộ", VietnameseText.Normalize("khai sinh hộ".Normalize(System.Text.NormalizationForm.FormD)));

    [Theory]
    [InlineData("Đăng ký khai sinh", "Dang ky khai sinh")]
    [InlineData("sổ đỏ, chứng thực", "so do, chung thuc")]
    [InlineData("ưu tiên ơn giời", "uu tien on gioi")]
    public void Folding_drops_every_mark_and_turns_d_with_stroke_into_d(string text, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(text));

    [Theory]
    [InlineData("xo", "so")]
    [InlineData("chung", "trung")]
    [InlineData("dang", "giang")]
    [InlineData("ran", "dan")]
    [InlineData("nam", "lam")]
    [InlineData("thuc", "thut")]
    [InlineData("ban", "bang")]
    [InlineData("ky", "ki")]
    public void Regional_confusions_share_a_phonetic_form(string a, string b) =>
        Assert.Equal(VietnameseText.Phonetic(a), VietnameseText.Phonetic(b));

    [Theory]
    [InlineData("thur", "thu")]
    [InlineData("tucj", "tuc")]
    [InlineData("ddaats", "dat")]
    [InlineData("khai", null)]
    [InlineData("sinh3", "sinh")]
    [InlineData("tu5c", "tuc")]
    [InlineData("thu3", "thu")]
    [InlineData("nguowif", "nguoi")]
    public void Keyboard_leftovers_decode_to_the_folded_syllable(string typed, string? decoded) =>
        Assert.Equal(decoded, VietnameseText.DecodeInputMethod(typed));
}
