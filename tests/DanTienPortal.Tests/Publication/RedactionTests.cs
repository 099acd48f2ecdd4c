using DanTienPortal.Web.Feedback;

namespace DanTienPortal.Tests.Publication;

/// <summary>The removal of personal data before an answer is published: what goes, what stays.</summary>
public sealed class RedactionTests
{
    private const string M = Redaction.Marker;

    private static readonly PersonalData Hoa = new("Nguyễn Thị Hoa", "0912345678", "hoa.nguyen@example.vn", "Số 12, thôn Đông, xã Dân Tiến");

    private static RedactionResult Redact(string text) => Redaction.Redact(text, Hoa);

    private static int Count(RedactionResult result, RedactedKind kind) => result.Removed.SingleOrDefault(r => r.Kind == kind)?.Count ?? 0;

    [Theory]
    [InlineData("Tôi là Nguyễn Thị Hoa, ở thôn Đông.", "Tôi là " + M + ", ở thôn Đông.")]
    [InlineData("Toi la Nguyen Thi Hoa, o thon Dong.", "Toi la " + M + ", o thon Dong.")]
    [InlineData("Tôi là NGUYỄN THỊ HOA.", "Tôi là " + M + ".")]
    [InlineData("Gia đình Nguyễn Thị có ba người.", "Gia đình " + M + " có ba người.")]
    [InlineData("Chị Thị Hoa đã gửi đơn.", "Chị " + M + " đã gửi đơn.")]
    [InlineData("Kính gửi bà Hoa, Ủy ban trả lời như sau.", "Kính gửi bà " + M + ", Ủy ban trả lời như sau.")]
    [InlineData("Kính gửi ba Hoa.", "Kính gửi ba " + M + ".")]
    public void The_submitters_name_goes_with_or_without_diacritics_and_in_parts(string text, string expected)
    {
        var result = Redact(text);

        Assert.Equal(expected, result.Text);
        Assert.Equal(1, Count(result, RedactedKind.Name));
    }

    [Fact]
    public void A_name_written_in_decomposed_unicode_is_found_too()
    {
        var decomposed = "Tôi là Nguyễn Thị Hoa.".Normalize(System.Text.NormalizationForm.FormD);

        Assert.Equal("Tôi là " + M + ".", Redact(decomposed).Text);
    }

    [Theory]
    [InlineData("Hoa nở đầy vườn, hoa đẹp lắm.")]
    [InlineData("Ông Nguyễn Văn Bình, cán bộ địa chính, sẽ liên hệ.")]
    public void A_single_syllable_of_the_name_on_its_own_stays(string text) => Assert.Equal(text, Redact(text).Text);

    [Theory]
    [InlineData("Gọi 0912345678 nhé.")]
    [InlineData("Gọi 0912 345 678 nhé.")]
    [InlineData("Gọi 0912.345.678 nhé.")]
    [InlineData("Gọi 0912-345-678 nhé.")]
    [InlineData("Gọi +84 912 345 678 nhé.")]
    [InlineData("Gọi (+84) 912.345.678 nhé.")]
    [InlineData("Gọi 84912345678 nhé.")]
    public void The_submitters_phone_goes_in_any_formatting(string text)
    {
        var result = Redact(text);

        Assert.Equal("Gọi " + M + " nhé.", result.Text);
        Assert.Equal(1, Count(result, RedactedKind.Phone));
    }

    [Theory]
    [InlineData("Liên hệ 0987654321.")]
    [InlineData("Liên hệ 0987 654 321.")]
    [InlineData("Liên hệ 098.765.4321.")]
    [InlineData("Liên hệ +84 987-654-321.")]
    [InlineData("Liên hệ 0208 3851 234.")]
    [InlineData("Liên hệ (0208) 385 1234.")]
    public void Any_vietnamese_phone_number_goes(string text)
    {
        var result = Redact(text);

        Assert.Equal("Liên hệ " + M + ".", result.Text);
        Assert.Equal(1, Count(result, RedactedKind.Phone));
    }

    [Theory]
    [InlineData("Số CCCD 001234567890 cấp năm 2021.", "Số CCCD " + M + " cấp năm 2021.")]
    [InlineData("CMND 123456789 đã hết hạn.", "CMND " + M + " đã hết hạn.")]
    [InlineData("Căn cước công dân số 001 234 567 890.", "Căn cước công dân số " + M + ".")]
    [InlineData("Giấy tờ: 034198000123, đã nộp.", "Giấy tờ: " + M + ", đã nộp.")]
    public void Identity_card_numbers_of_9_and_12_digits_go(string text, string expected)
    {
        var result = Redact(text);

        Assert.Equal(expected, result.Text);
        Assert.Equal(1, Count(result, RedactedKind.IdNumber));
    }

    [Theory]
    [InlineData("Thư gửi hoa.nguyen@example.vn hoặc HOA_1990@gmail.com.", 2)]
    [InlineData("Thư gửi tran.van-an+pakn@mail.dantien.gov.vn.", 1)]
    public void E_mail_addresses_go(string text, int count)
    {
        var result = Redact(text);

        Assert.DoesNotContain("@", result.Text, StringComparison.Ordinal);
        Assert.Equal(count, Count(result, RedactedKind.Email));
    }

    [Theory]
    [InlineData("Nhà tôi ở Số 12, thôn Đông, xã Dân Tiến.", "Nhà tôi ở " + M + ".")]
    [InlineData("Nhà tôi ở so 12 thon Dong xa Dan Tien.", "Nhà tôi ở " + M + ".")]
    [InlineData("Nhà tôi ở số nhà 45 đường Hùng Vương.", "Nhà tôi ở " + M + " đường Hùng Vương.")]
    [InlineData("Ngõ 3, ngách 5/2 bị ngập.", M + ", " + M + " bị ngập.")]
    [InlineData("Hẻm 7 và tổ 5 chưa có đèn.", M + " và " + M + " chưa có đèn.")]
    [InlineData("Tổ dân phố 2 họp.", M + " họp.")]
    public void Addresses_go(string text, string expected)
    {
        var result = Redact(text);

        Assert.Equal(expected, result.Text);
        Assert.True(Count(result, RedactedKind.Address) > 0);
    }

    [Theory]
    [InlineData("Đèn đường thôn Đông không sáng từ đầu tháng, đề nghị xã sửa chữa.")]
    [InlineData("Theo Quyết định số 12/QĐ-UBND ngày 05/01/2026 và Nghị định số 20/2008/NĐ-CP, khoản 2 Điều 5.")]
    [InlineData("Công văn số 45 ngày 3/1 và Quyết định số 128 đã nêu rõ; tờ bản đồ số 7.")]
    [InlineData("Kinh phí 1.250.000.000 đồng, diện tích 12ha, năm 2026, 3 tháng, 150 hộ.")]
    [InlineData("")]
    public void A_text_without_personal_data_is_unchanged(string text)
    {
        var result = Redact(text);

        Assert.Equal(text, result.Text);
        Assert.Empty(result.Removed);
    }

    [Fact]
    public void Everything_in_one_text_is_counted_by_kind_and_redacting_again_changes_nothing()
    {
        const string text = "Tôi là Nguyễn Thị Hoa, CCCD 001234567890, ở Số 12, thôn Đông, xã Dân Tiến, điện thoại 0912 345 678 "
            + "hoặc 0987.654.321, thư hoa.nguyen@example.vn. Bà Hoa đề nghị sửa đèn ngõ 3.";

        var result = Redact(text);

        Assert.Equal(2, Count(result, RedactedKind.Name));
        Assert.Equal(2, Count(result, RedactedKind.Phone));
        Assert.Equal(1, Count(result, RedactedKind.IdNumber));
        Assert.Equal(1, Count(result, RedactedKind.Email));
        Assert.Equal(2, Count(result, RedactedKind.Address));
        Assert.Equal(8, result.Total);
        foreach (var secret in new[] { "Nguyễn", "Hoa", "0912", "345", "0987", "001234567890", "hoa.nguyen", "Số 12", "ngõ 3" })
        {
            Assert.DoesNotContain(secret, result.Text, StringComparison.Ordinal);
        }

        var again = Redact(result.Text);
        Assert.Equal(result.Text, again.Text);
        Assert.Empty(again.Removed);
    }

    [Fact]
    public void Without_personal_data_of_the_case_only_the_patterns_apply()
    {
        var result = Redaction.Redact("Ông Trần Văn Nam, 0912345678, nam@example.vn", new PersonalData(null, null, null, null));

        Assert.Equal("Ông Trần Văn Nam, " + M + ", " + M, result.Text);
    }
}
