using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Search;
using Microsoft.Extensions.Time.Testing;

namespace DanTienPortal.Tests.Search;

/// <summary>Each ranking and understanding rule, on a small content set made to show it.</summary>
public sealed class SearchBehaviourTests : IDisposable
{
    private readonly ContentFolder _content = ContentFolder.Minimal();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));

    public SearchBehaviourTests()
    {
        void Procedure(string slug, string title, string body, string extra = "") =>
            _content.Write($"procedures/{slug}.md", ContentFolder.Procedure(title, extraFrontMatter: extra,
                sections: ContentFolder.AllSections + $"\n{body}\n"));

        Procedure("thu-vien", "Đăng ký thẻ thư viện", "Mượn sách ở thư viện xã.");
        Procedure("thu-hoach", "Đăng ký thu hoạch lúa", "Thu hoạch vụ mùa.");
        Procedure("khai-bao", "Khai báo sinh hoạt câu lạc bộ", "Khai báo nơi sinh hoạt.");
        Procedure("ket-hon", "Đăng ký kết hôn", "Hai bên nam nữ đến Trung tâm Phục vụ hành chính công.");
        Procedure("giam-ho", "Đăng ký giám hộ", "Người giám hộ có thể là người thân, kể cả khi hai người đã kết hôn.");
        Procedure("cap-giay-chung-nhan", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "Đăng ký đất đai.");
        Procedure("chung-thuc-ban-sao", "Chứng thực bản sao từ bản chính", "Chứng thực giấy tờ.", "keywords: [sao y]");
        _content.Write("news/tin-cu.md", "---\ntitle: Hội nghị về cải cách hành chính\nsummary: Tin cũ.\npublished: 2025-01-10\n---\nHội nghị cải cách hành chính của xã.\n");
        _content.Write("news/tin-moi.md", "---\ntitle: Hội nghị về cải cách hành chính năm nay\nsummary: Tin mới.\npublished: 2026-11-20\n---\nHội nghị cải cách hành chính của xã.\n");
        _content.Write("search/synonyms.yml", "- [sổ đỏ, giấy chứng nhận quyền sử dụng đất]\n- [công chứng, chứng thực]\n");
        _content.Write("search/best-bets.yml", "- query: giấy tờ nhà đất\n  url: /thu-tuc/cap-giay-chung-nhan\n");
        Engine = new SearchEngine(_content.Path, _time);
        Assert.Empty(Engine.Content.Current.Problems);
    }

    private SearchEngine Engine { get; }

    private List<string> Urls(string query, string? type = null) =>
        Engine.Service.Search(new SearchRequest(query, type)).Hits.Select(h => h.Url).ToList();

    [Fact]
    public void Accented_queries_rank_exact_matches_above_folded_ones()
    {
        Assert.Equal("/thu-tuc/thu-vien", Urls("thư")[0]);
        Assert.Equal("/thu-tuc/thu-hoach", Urls("thu hoạch")[0]);
        Assert.Equal("/thu-tuc/thu-hoach", Urls("thu")[0]);
    }

    [Fact]
    public void Pages_with_every_word_come_first_and_most_words_suffice_when_few_have_all()
    {
        // No page has all five syllables; four of five is enough, and the library card has them.
        Assert.Equal("/thu-tuc/thu-vien", Urls("đăng ký thư viện lúa")[0]);

        // Every page with both words is a match; one word alone is not.
        var both = Engine.Service.Search(new SearchRequest("kết hôn"));
        Assert.Equal(["/thu-tuc/giam-ho", "/thu-tuc/ket-hon"], both.Hits.Select(h => h.Url).Order().ToList());
    }

    [Fact]
    public void Syllables_kept_together_beat_the_same_syllables_apart() =>
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", Urls("khai sinh")[0]);

    [Fact]
    public void A_match_in_the_title_beats_one_in_the_body()
    {
        var urls = Urls("kết hôn");
        Assert.Equal("/thu-tuc/ket-hon", urls[0]);
        Assert.Contains("/thu-tuc/giam-ho", urls);
    }

    [Fact]
    public void Queries_without_diacritics_find_accented_pages() =>
        Assert.Equal("/thu-tuc/ket-hon", Urls("dang ky ket hon")[0]);

    [Fact]
    public void Newer_news_ranks_above_older_news_with_the_same_words()
    {
        var urls = Urls("hội nghị cải cách hành chính", SearchTypes.News);
        Assert.Equal(["/tin-tuc/tin-moi", "/tin-tuc/tin-cu"], urls);
        Assert.True(PageWeight.Recency(0) > PageWeight.Recency(400));
    }

    [Fact]
    public void Everyday_words_find_the_formal_page_through_synonyms()
    {
        Assert.Equal("/thu-tuc/cap-giay-chung-nhan", Urls("làm sổ đỏ")[0]);
        Assert.Equal("/thu-tuc/cap-giay-chung-nhan", Urls("so do")[0]);
        Assert.Equal("/thu-tuc/chung-thuc-ban-sao", Urls("cong chung ban sao")[0]);
    }

    [Fact]
    public void A_best_bet_pins_its_page_first_with_an_answer_card()
    {
        var results = Engine.Service.Search(new SearchRequest("Giấy tờ nhà đất"));
        Assert.Equal("/thu-tuc/cap-giay-chung-nhan", results.Hits[0].Url);
        Assert.Equal("cap-giay-chung-nhan", results.Answer?.Slug);
    }

    [Theory]
    [InlineData("khai sihn")]
    [InlineData("dang ky ket hno")]
    [InlineData("chứng thựt bản sao")]
    [InlineData("xổ đỏ")]
    [InlineData("thur tucj ket hon")]
    [InlineData("ket hon5")]
    [InlineData("ddawng kys khai sinh")]
    public void Typos_regional_spellings_and_keyboard_leftovers_still_find_the_page(string query)
    {
        var expected = query switch
        {
            _ when query.Contains("sinh", StringComparison.Ordinal) || query.Contains("sihn", StringComparison.Ordinal) => "/thu-tuc/dang-ky-khai-sinh",
            _ when query.Contains("bản sao", StringComparison.Ordinal) => "/thu-tuc/chung-thuc-ban-sao",
            _ when query.Contains("đỏ", StringComparison.Ordinal) => "/thu-tuc/cap-giay-chung-nhan",
            _ => "/thu-tuc/ket-hon",
        };
        Assert.Contains(expected, Urls(query).Take(3));
    }

    [Fact]
    public void A_misspelt_query_gets_a_did_you_mean_in_accented_words()
    {
        Assert.Equal("khai sinh", Engine.Service.Search(new SearchRequest("khai sihn")).DidYouMean);
        Assert.Null(Engine.Service.Search(new SearchRequest("khai sinh")).DidYouMean);
    }

    [Fact]
    public void Unaccented_queries_highlight_the_accented_words_they_matched()
    {
        var hit = Engine.Service.Search(new SearchRequest("muon sach thu vien")).Hits[0];
        Assert.Equal("/thu-tuc/thu-vien", hit.Url);
        Assert.Contains("<mark>Mượn</mark> <mark>sách</mark> ở <mark>thư</mark> <mark>viện</mark>", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippets_are_html_encoded_around_the_marks()
    {
        _content.Write("pages/ma-doc.md", "---\ntitle: Trang thử\ndescription: Thử.\n---\nVăn bản có <script>alert('xss')</script> và ký tự & đặc biệt.\n");
        Engine.Content.Reload();
        var hit = Engine.Service.Search(new SearchRequest("văn bản ký tự đặc biệt")).Hits.First(h => h.Url == "/ma-doc");
        Assert.DoesNotContain("<script", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("&amp;", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Facets_count_types_fields_and_agencies_and_filters_narrow_the_hits()
    {
        var all = Engine.Service.Search(new SearchRequest("đăng ký"));
        var types = all.Facets["type"].ToDictionary(v => v.Value, v => v.Count);
        Assert.Equal(all.Hits.Count(h => h.Type == SearchTypes.Procedure), types[SearchTypes.Procedure]);
        Assert.Equal(all.Total, all.Facets["type"].Sum(v => v.Count));
        Assert.Equal("Hộ tịch", all.Facets["field"].Single(v => v.Value == "ho-tich").Label);

        var procedures = Engine.Service.Search(new SearchRequest("cải cách hành chính", Type: SearchTypes.News));
        Assert.All(procedures.Hits, h => Assert.Equal(SearchTypes.News, h.Type));
        Assert.Equal(2, procedures.Total);
        Assert.True(procedures.Facets["type"].Single(v => v.Value == SearchTypes.News).Selected);
        Assert.Contains(procedures.Facets["type"], v => v.Value == SearchTypes.Plan);
    }

    [Fact]
    public void Results_are_paged()
    {
        for (var i = 1; i <= 8; i++)
        {
            _content.Write($"pages/dang-ky-{i}.md", $"---\ntitle: Hướng dẫn đăng ký số {i}\ndescription: Đăng ký.\n---\nCách đăng ký.\n");
        }

        Engine.Content.Reload();
        var first = Engine.Service.Search(new SearchRequest("đăng ký", Page: 1));
        Assert.True(first.Total > 10);
        var second = Engine.Service.Search(new SearchRequest("đăng ký", Page: 2));
        Assert.Equal(2, second.PageCount);
        Assert.Equal(first.Total - 10, second.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.Url).Intersect(second.Hits.Select(h => h.Url)));
    }

    [Theory]
    [InlineData("", QueryProblem.Empty)]
    [InlineData("   ", QueryProblem.Empty)]
    [InlineData("*", QueryProblem.NoWords)]
    [InlineData("?!.,;:()[]{}", QueryProblem.NoWords)]
    [InlineData("title:(", QueryProblem.None)]
    [InlineData("\"khai sinh", QueryProblem.None)]
    [InlineData("khai AND sinh OR NOT -kết~2 +hôn^3", QueryProblem.None)]
    public void Odd_queries_are_understood_as_words_never_as_syntax(string query, QueryProblem problem) =>
        Assert.Equal(problem, Engine.Service.Search(new SearchRequest(query)).Problem);

    [Fact]
    public void A_very_long_query_is_cut_and_still_answered()
    {
        var results = Engine.Service.Search(new SearchRequest(string.Concat(Enumerable.Repeat("khai sinh ", 1000))));
        Assert.True(results.Truncated);
        Assert.Equal(200, results.Query.Length);
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", results.Hits[0].Url);
    }

    [Fact]
    public void Suggestions_complete_the_last_word_and_put_procedures_first()
    {
        Assert.Equal(["Đăng ký kết hôn"], Engine.Service.Suggest("dang ky ket h"));
        Assert.Contains("Đăng ký khai sinh", Engine.Service.Suggest("khai s"));
        Assert.Empty(Engine.Service.Suggest(""));
        Assert.Empty(Engine.Service.Suggest("***"));
    }

    [Fact]
    public void Content_changes_reach_the_index_at_once()
    {
        _content.Write("procedures/nuoi-ong.md", ContentFolder.Procedure("Hỗ trợ nuôi ong lấy mật"));
        Engine.Content.Reload();
        Assert.Equal("/thu-tuc/nuoi-ong", Urls("nuôi ong")[0]);

        _content.Delete("procedures/nuoi-ong.md");
        Engine.Content.Reload();
        Assert.DoesNotContain("/thu-tuc/nuoi-ong", Urls("nuôi ong"));
    }

    [Fact]
    public void A_search_still_running_on_an_older_reader_shows_its_own_documents_after_they_were_replaced()
    {
        var hit = Engine.Index.Search(searcher =>
        {
            var doc = searcher.Search(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term("url", "/thu-tuc/thu-vien")), 1).ScoreDocs[0].Doc;
            _content.Delete("procedures/thu-vien.md");
            Engine.Content.Reload();
            return Engine.Index.Document(searcher, doc);
        });

        Assert.Equal("Đăng ký thẻ thư viện", hit.Title);
        Assert.Equal(SearchTypes.Procedure, hit.Type);
        Assert.DoesNotContain("/thu-tuc/thu-vien", Urls("thư viện"));
    }

    public void Dispose()
    {
        Engine.Dispose();
        _content.Dispose();
    }
}
