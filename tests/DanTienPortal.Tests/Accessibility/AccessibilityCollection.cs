using DanTienPortal.Tests.Browser;

namespace DanTienPortal.Tests.Accessibility;

/// <summary>
/// One portal for every accessibility and page-weight test: each running app holds file watchers
/// (content, configuration), and the machine allows a user only 128 inotify instances in all.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AccessibilityCollection : ICollectionFixture<BrowserPortal>
{
    public const string Name = "Accessibility";
}
