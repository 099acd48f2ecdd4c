using System.Globalization;

namespace DanTienPortal.Web.Content;

/// <summary>How content values read on the page, in Vietnamese.</summary>
public static class Display
{
    /// <summary>Vietnam's time (Asia/Ho_Chi_Minh) is UTC+7 all year: there is no summer time.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment as people in the commune read it: <c>25/12/2026 08:30</c>, Vietnam time.</summary>
    public static string DateAndTime(DateTimeOffset moment) => moment.ToOffset(VietnamOffset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A moment for a <c>&lt;time datetime&gt;</c> attribute: to the second with its offset
    /// (<c>2026-12-25T08:30:00+07:00</c>). The round-trip format "O" writes seven digits of fraction,
    /// which HTML does not allow (at most three).
    /// </summary>
    public static string MachineTime(DateTimeOffset moment) => moment.ToOffset(VietnamOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The day of a moment in Vietnam.</summary>
    public static DateOnly LocalDate(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(VietnamOffset).DateTime);

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
