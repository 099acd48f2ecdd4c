using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DanTienPortal.Tests.Search;

/// <summary>
/// A change to a few documents writes those documents alone: the cost of publishing one article
/// must not grow with the thousands already indexed, and what searches see must be the same as
/// an index built afresh from the new documents.
/// </summary>
public sealed class SearchIndexChangeTests : IDisposable
{
    private const string Source = "news-db";

    private readonly ContentFolder _content = ContentFolder.Minimal();

    [Fact]
    public void Publishing_one_article_among_many_writes_that_article_alone()
    {
        using var engine = new SearchEngine(_content.Path);
        var news = Enumerable.Range(0, 200).Select(Article).ToList();
        engine.Index.ReplaceSource(Source, news);
        var segmentBefore = SegmentOf(engine.Index, $"{Source}:7");
        var changes = 0;
        engine.Index.Changed += () => changes++;

        var published = Article(200) with { Title = "Khai mạc hội đua thuyền truyền thống", Body = "Hội đua thuyền trên sông Công mở vào sáng chủ nhật." };
        engine.Index.ReplaceSource(Source, [.. news, published]);

        Assert.Equal(published.Url, engine.Service.Search(new SearchRequest("đua thuyền")).Hits[0].Url);
        // The 200 others were not written again: they are still in the segment they were in.
        Assert.Equal(segmentBefore, SegmentOf(engine.Index, $"{Source}:7"));
        Assert.Equal(1, changes);

        // The same documents again change nothing, and say nothing (the page cache keeps its pages).
        engine.Index.ReplaceSource(Source, [.. news, published]);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void An_edited_or_withdrawn_article_is_found_only_as_it_is_now()
    {
        using var engine = new SearchEngine(_content.Path);
        var news = Enumerable.Range(0, 20).Select(Article).ToList();
        var festival = Article(20) with { Title = "Hội đua thuyền", Body = "Đua thuyền và kéo co ở bãi sông." };
        Assert.False(engine.Index.Vocabulary.Contains("thuyen"));
        engine.Index.ReplaceSource(Source, [.. news, festival]);
        Assert.Equal(festival.Url, engine.Service.Search(new SearchRequest("kéo co")).Hits[0].Url);

        var edited = festival with { Body = "Đua thuyền và thả diều ở bãi sông." };
        engine.Index.ReplaceSource(Source, [.. news, edited]);

        Assert.Empty(engine.Service.Search(new SearchRequest("kéo co")).Hits);
        Assert.Equal(edited.Url, engine.Service.Search(new SearchRequest("thả diều")).Hits[0].Url);
        Assert.False(engine.Index.Vocabulary.Contains("keo"));
        Assert.True(engine.Index.Vocabulary.Contains("dieu"));
        Assert.Equal(1, engine.Service.Search(new SearchRequest("đua thuyền")).Total);

        engine.Index.ReplaceSource(Source, news);

        Assert.Empty(engine.Service.Search(new SearchRequest("đua thuyền")).Hits);
        Assert.False(engine.Index.Vocabulary.Contains("thuyen"));
        Assert.Equal(engine.Index.Documents.Count, engine.Index.Search(s => s.IndexReader.NumDocs));
    }

    [Fact]
    public void A_rebuild_after_changes_holds_every_source_as_it_is_now()
    {
        using var engine = new SearchEngine(_content.Path);
        var news = Enumerable.Range(0, 20).Select(Article).ToList();
        engine.Index.ReplaceSource(Source, news);
        var festival = Article(20) with { Title = "Hội đua thuyền", Body = "Đua thuyền và kéo co ở bãi sông." };
        engine.Index.ReplaceSource(Source, [.. news.Skip(1), festival]);
        var documents = engine.Index.Documents.Count;

        engine.Index.Rebuild();

        Assert.Equal(documents, engine.Index.Search(s => s.IndexReader.NumDocs));
        Assert.Equal(festival.Url, engine.Service.Search(new SearchRequest("kéo co")).Hits[0].Url);
        Assert.DoesNotContain(engine.Service.Search(new SearchRequest("bản tin số 0")).Hits, h => h.Url == news[0].Url);
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", engine.Service.Search(new SearchRequest("khai sinh")).Hits[0].Url);
        Assert.True(engine.Index.Vocabulary.Contains("thuyen"));
    }

    [Fact]
    public void A_vocabulary_updated_by_the_changes_alone_equals_one_built_afresh()
    {
        var kept = Enumerable.Range(0, 30).Select(Article).ToList();
        var gone = Enumerable.Range(30, 10).Select(Article).Append(Article(40) with { Body = "Mùa gặt ở làng lụa, nơi dệt lụa tơ tằm." }).ToList();
        // "lụa" (silk) and "lúa" (rice) fold alike: the newcomers make the second the form shown.
        var added = Enumerable.Range(41, 10).Select(i => Article(i) with { Body = "Lúa mùa năm nay được giá, lúa chiêm cũng vậy." }).ToList();

        var before = SearchVocabulary.Build([.. kept, .. gone]);
        var updated = before.With(gone, added);
        var afresh = SearchVocabulary.Build([.. kept, .. added]);

        Assert.Equal(afresh.Count, updated.Count);
        Assert.Equal(afresh.DocumentCount, updated.DocumentCount);
        var syllables = kept.Concat(gone).Concat(added)
            .SelectMany(d => VietnameseAnalyzers.Tokens(VietnameseAnalyzers.Exact, VietnameseText.Normalize($"{d.Title} {d.Keywords} {d.Body}")))
            .Select(VietnameseText.Fold)
            .Distinct()
            .ToList();
        Assert.Contains("gat", syllables);
        Assert.All(syllables, s =>
        {
            Assert.Equal(afresh.Contains(s), updated.Contains(s));
            Assert.Equal(afresh.Frequency(s), updated.Frequency(s));
            Assert.Equal(afresh.Display(s), updated.Display(s));
            Assert.Equal(afresh.HasCommonerSoundAlike(s), updated.HasCommonerSoundAlike(s));
        });
        Assert.False(updated.Contains("gat"));
        Assert.Equal("lụa", before.Display("lua"));
        Assert.Equal("lúa", updated.Display("lua"));
    }

    public void Dispose() => _content.Dispose();

    /// <summary>A news post as the catalogue gives it to search, each with words of its own.</summary>
    private static SearchDocument Article(int n) => new(
        $"{Source}:{n}", SearchTypes.News, $"/tin-tuc/bai-{n}", $"Bản tin số {n} của xã",
        "tin tức", $"Tin thứ {n}: họp thôn, vệ sinh đường làng, lịch trực ban tuần {n % 7}.", Published: new DateOnly(2026, 1, 1).AddDays(n));

    /// <summary>The name of the index segment that holds the document with this id.</summary>
    private static string SegmentOf(SearchIndex index, string id) => index.Search(searcher =>
    {
        var hit = searcher.Search(new TermQuery(new Term("id", id)), 1).ScoreDocs.Single();
        var leaf = searcher.IndexReader.Leaves[ReaderUtil.SubIndex(hit.Doc, searcher.IndexReader.Leaves)];
        return ((SegmentReader)leaf.AtomicReader).SegmentName;
    });
}
