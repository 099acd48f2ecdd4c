using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Search;

namespace DanTienPortal.Tests.Search;

/// <summary>The index on disk is derived data: losing it costs a rebuild, never an error.</summary>
public sealed class SearchIndexRecoveryTests : IDisposable
{
    private readonly ContentFolder _content = ContentFolder.Minimal();
    private readonly string _indexPath = Path.Combine(TestFolders.Create("index"), "lucene");

    [Fact]
    public void Deleting_the_index_folder_while_running_is_repaired_on_the_next_change()
    {
        using var engine = new SearchEngine(_content.Path, indexPath: _indexPath);
        Assert.NotEmpty(Directory.GetFiles(_indexPath));
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", engine.Service.Search(new SearchRequest("khai sinh")).Hits[0].Url);

        Directory.Delete(_indexPath, recursive: true);
        _content.Write("procedures/nuoi-ong.md", ContentFolder.Procedure("Hỗ trợ nuôi ong lấy mật"));
        engine.Content.Reload();

        Assert.True(Directory.Exists(_indexPath));
        Assert.Equal("/thu-tuc/nuoi-ong", engine.Service.Search(new SearchRequest("nuôi ong")).Hits[0].Url);
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", engine.Service.Search(new SearchRequest("khai sinh")).Hits[0].Url);
    }

    [Fact]
    public void A_corrupt_index_folder_left_from_before_is_replaced_at_start()
    {
        Directory.CreateDirectory(_indexPath);
        File.WriteAllText(Path.Combine(_indexPath, "segments_1"), "không phải chỉ mục");
        File.WriteAllText(Path.Combine(_indexPath, "segments.gen"), "hỏng");

        using var engine = new SearchEngine(_content.Path, indexPath: _indexPath);

        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", engine.Service.Search(new SearchRequest("khai sinh")).Hits[0].Url);
    }

    [Fact]
    public void A_search_that_fails_to_read_the_index_rebuilds_it_and_answers()
    {
        using var engine = new SearchEngine(_content.Path, indexPath: _indexPath);
        var calls = 0;

        var answer = engine.Index.Search(searcher =>
        {
            if (calls++ == 0)
            {
                throw new IOException("read past EOF");
            }

            return searcher.IndexReader.NumDocs;
        });

        Assert.Equal(2, calls);
        Assert.True(answer > 0);
    }

    public void Dispose()
    {
        _content.Dispose();
        TestFolders.Delete(Path.GetDirectoryName(_indexPath)!);
    }
}
