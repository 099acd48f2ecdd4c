using System.Globalization;

namespace DanTienPortal.Web.Content;

/// <summary>How content values read on the page, in Vietnamese.</summary>
public static class Display
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Online(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "Nộp trực tuyến toàn trình",
        OnlineLevel.Available => "Có thể nộp trực tuyến",
        _ => "Không nộp trực tuyến",
    };

    /// <summary>The query-string value of each online level, as the catalogue's filter uses it.</summary>
    public static string OnlineKey(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "toan-trinh",
        OnlineLevel.Available => "co",
        _ => "khong",
    };

    public static string Status(PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.NotStarted => "Chưa bắt đầu",
        PlanTaskStatus.InProgress => "Đang thực hiện",
        PlanTaskStatus.Done => "Hoàn thành",
        _ => "Chưa cập nhật",
    };

    public static string StatusClass(PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.Done => "status status-done",
        PlanTaskStatus.InProgress => "status status-progress",
        PlanTaskStatus.NotStarted => "status status-waiting",
        _ => "status status-unknown",
    };

    public static string Count(int n) => n.ToString("N0", Vietnamese);
}
