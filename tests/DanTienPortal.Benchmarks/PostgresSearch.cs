using DanTienPortal.Web.Search;
using Npgsql;
using NpgsqlTypes;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// What a team might build instead of Lucene: PostgreSQL full-text search with unaccent, a GIN
/// index over weighted title/keywords/body vectors, ranked by ts_rank.
/// </summary>
public sealed class PostgresSearch(NpgsqlDataSource dataSource) : IDisposable
{
    public const string Schema = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        DROP TEXT SEARCH CONFIGURATION IF EXISTS vi_unaccent;
        CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION vi_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        DROP TABLE IF EXISTS docs;
        CREATE TABLE docs (id text PRIMARY KEY, url text NOT NULL, title text NOT NULL, keywords text NOT NULL, body text NOT NULL, tsv tsvector);
        """;

    public double Load(IReadOnlyList<SearchDocument> documents)
    {
        return Measure.Time(() =>
        {
            using var connection = dataSource.OpenConnection();
            new NpgsqlCommand(Schema, connection).ExecuteNonQuery();
            using (var copy = connection.BeginBinaryImport("COPY docs (id, url, title, keywords, body) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var d in documents)
                {
                    copy.StartRow();
                    copy.Write(d.Id, NpgsqlDbType.Text);
                    copy.Write(d.Url, NpgsqlDbType.Text);
                    copy.Write(d.Title, NpgsqlDbType.Text);
                    copy.Write(d.Keywords, NpgsqlDbType.Text);
                    copy.Write(d.Body, NpgsqlDbType.Text);
                }

                copy.Complete();
            }

            new NpgsqlCommand("""
                UPDATE docs SET tsv = setweight(to_tsvector('vi_unaccent', title), 'A')
                                   || setweight(to_tsvector('vi_unaccent', keywords), 'B')
                                   || setweight(to_tsvector('vi_unaccent', body), 'C');
                CREATE INDEX docs_tsv ON docs USING gin (tsv);
                """, connection).ExecuteNonQuery();
        }) + Settle();
    }

    /// <summary>Vacuums now, so that no background vacuum competes with the measurements that follow.</summary>
    private double Settle()
    {
        using var connection = dataSource.OpenConnection();
        new NpgsqlCommand("VACUUM ANALYZE docs", connection).ExecuteNonQuery();
        Thread.Sleep(1000);
        return 0;
    }

    /// <summary>Top ten URLs; <paramref name="anyWord"/> ORs the words instead of requiring all.</summary>
    public List<string> Search(string query, bool anyWord)
    {
        var text = anyWord ? string.Join(" or ", query.Split(' ', StringSplitOptions.RemoveEmptyEntries)) : query;
        using var command = dataSource.CreateCommand("""
            SELECT url FROM docs, websearch_to_tsquery('vi_unaccent', $1) q
            WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10
            """);
        command.Parameters.AddWithValue(text);
        using var reader = command.ExecuteReader();
        var urls = new List<string>();
        while (reader.Read())
        {
            urls.Add(reader.GetString(0));
        }

        return urls;
    }

    public void Dispose() => dataSource.Dispose();
}
