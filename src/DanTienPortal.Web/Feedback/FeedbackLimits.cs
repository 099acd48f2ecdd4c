namespace DanTienPortal.Web.Feedback;

/// <summary>Lengths and sizes a submission may have; the form, the checks and the database share them.</summary>
public static class FeedbackLimits
{
    public const int Name = 100;
    public const int Address = 250;
    public const int Email = 254;
    public const int Title = 200;
    public const int ContentMin = 20;
    public const int Content = 5000;
    public const int ComplaintSubject = 500;
    public const int ComplaintAgainst = 200;
    public const int MaxAttachments = 3;
    public const long MaxAttachmentBytes = 5 * 1024 * 1024;

    /// <summary>The largest form body accepted: three full attachments and the text around them.</summary>
    public const long MaxRequestBytes = (MaxAttachments * MaxAttachmentBytes) + (1024 * 1024);
}
