using DanTienPortal.Tests.Browser;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

namespace DanTienPortal.Tests.Browser;

/// <summary>The two screens every journey is walked on.</summary>
public enum Screen
{
    /// <summary>A small phone: 360×740 CSS pixels at device scale 2, with touch.</summary>
    Phone,

    /// <summary>A laptop: 1280×800.</summary>
    Desktop,
}

/// <summary>
/// One headless Chromium for the whole test run, driven by Playwright. It is started on the first
/// browser test, not with the assembly, so that a run without browser tests never needs Chromium
/// and a missing browser fails only the browser tests, with a message that says why.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A fresh browser context (no cookies, no cache) on <paramref name="app"/>, sized as <paramref name="screen"/>.</summary>
    public async Task<BrowserTab> OpenAsync(Uri app, Screen screen)
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.GetLeftPart(UriPartial.Authority),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = screen == Screen.Phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1280, Height = 800 },
            DeviceScaleFactor = screen == Screen.Phone ? 2 : 1,
            IsMobile = screen == Screen.Phone,
            HasTouch = screen == Screen.Phone,
        });
        return await BrowserTab.OpenAsync(context, app, screen);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _startLock.Dispose();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _startLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is null)
            {
                await Chromium.EnsureInstalledAsync(TestContext.Current.CancellationToken);

                // Assertions wait for the page to reach the expected state; the first request of a
                // class (app start, first queries) on a busy 2-core machine can take longer than 5 s.
                Assertions.SetDefaultExpectTimeout(15_000);
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = Chromium.ExecutablePath,
                    Headless = true,
                    Args = Chromium.Arguments,
                });
            }

            return _browser;
        }
        finally
        {
            _startLock.Release();
        }
    }
}

/// <summary>
/// One page in a browser context of its own: records every request it makes, and saves a
/// full-page screenshot named after the test and the screen.
/// </summary>
public sealed class BrowserTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _requests = [];
    private bool _screenshotSaved;

    private BrowserTab(IBrowserContext context, IPage page, Uri app, Screen screen)
    {
        _context = context;
        Page = page;
        Origin = app.GetLeftPart(UriPartial.Authority);
        Screen = screen;
    }

    public IPage Page { get; }

    public Screen Screen { get; }

    /// <summary>The app's origin, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Origin { get; }

    /// <summary>Every URL the page requested so far, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Where the screenshots go: beside the test binaries, in TestResults/screenshots.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    internal static async Task<BrowserTab> OpenAsync(IBrowserContext context, Uri app, Screen screen)
    {
        var page = await context.NewPageAsync();
        var tab = new BrowserTab(context, page, app, screen);
        page.Request += (_, request) =>
        {
            lock (tab._requests)
            {
                tab._requests.Add(request.Url);
            }
        };
        return tab;
    }

    /// <summary>Opens <paramref name="path"/> on the app, as if typed into the address bar, and checks it answered.</summary>
    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}.");
    }

    /// <summary>Activates a link or button as this screen's user would: a tap on the phone, a click on the desktop.</summary>
    public Task PressAsync(ILocator target) => Screen == Screen.Phone ? target.TapAsync() : target.ClickAsync();

    /// <summary>Saves a full-page screenshot of the current page and returns its path.</summary>
    public async Task<string> SaveScreenshotAsync() => await SaveScreenshotAsync(unfinished: false);

    private async Task<string> SaveScreenshotAsync(bool unfinished)
    {
        var name = ScreenshotName();
        var path = Path.Combine(ScreenshotFolder, unfinished ? $"{name}-unfinished.png" : $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _screenshotSaved = true;
        if (!unfinished)
        {
            // A failed run's picture would otherwise sit beside this one and mislead.
            File.Delete(Path.Combine(ScreenshotFolder, $"{name}-unfinished.png"));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        return path;
    }

    /// <summary>Fails unless every request of the journey went to the app itself.</summary>
    public void AssertNoRequestToAnotherHost()
    {
        var requests = Requests;
        Assert.NotEmpty(requests);
        var elsewhere = requests.Where(url => !new Uri(url).GetLeftPart(UriPartial.Authority).Equals(Origin, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(elsewhere.Count == 0, $"Requests to another host than {Origin}:\n{string.Join('\n', elsewhere)}");
        TestContext.Current.TestOutputHelper?.WriteLine($"{requests.Count} requests, all to {Origin}");
    }

    public async ValueTask DisposeAsync()
    {
        // A journey that failed half-way leaves the page where it stopped: keep that too.
        if (!_screenshotSaved)
        {
            try
            {
                await SaveScreenshotAsync(unfinished: true);
            }
            catch (PlaywrightException)
            {
                // The page itself may be what broke; the test's own failure says more.
            }
        }

        await _context.CloseAsync();
    }

    private string ScreenshotName()
    {
        var test = TestContext.Current;
        var className = test.TestClass?.TestClassName ?? "test";
        var name = $"{className[(className.LastIndexOf('.') + 1)..]}.{test.TestMethod?.MethodName ?? "unknown"}.{Screen.ToString().ToLowerInvariant()}";
        return string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
    }
}
