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
        CREATE TABLE docs (id text PRIMARY KEY, type text NOT NULL, field text, agency text, url text NOT NULL, title text NOT NULL, keywords text NOT NULL, body text NOT NULL, tsv tsvector);
        """;

    public double Load(IReadOnlyList<SearchDocument> documents)
    {
        return Measure.Time(() =>
        {
            using var connection = dataSource.OpenConnection();
            new NpgsqlCommand(Schema, connection).ExecuteNonQuery();
            using (var copy = connection.BeginBinaryImport("COPY docs (id, type, field, agency, url, title, keywords, body) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var d in documents)
                {
                    copy.StartRow();
                    copy.Write(d.Id, NpgsqlDbType.Text);
                    copy.Write(d.Type, NpgsqlDbType.Text);
                    copy.Write(d.Field, NpgsqlDbType.Text);
                    copy.Write(d.Agency, NpgsqlDbType.Text);
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

    /// <summary>
    /// The whole answer a results page needs, as a PostgreSQL-backed portal would ask for it in
    /// one round trip: the top ten with highlighted passages (<c>ts_headline</c>) and the number
    /// of matches per type, field and department.
    /// </summary>
    public List<string> SearchWithPage(string query)
    {
        using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT url, ts_headline('vi_unaccent', body, q, 'MaxWords=30, MinWords=15, StartSel=<mark>, StopSel=</mark>')
            FROM (SELECT url, body, q, ts_rank(tsv, q) AS rank FROM docs, websearch_to_tsquery('vi_unaccent', $1) q
                  WHERE tsv @@ q ORDER BY rank DESC LIMIT 10) top
            ORDER BY rank DESC
            """) { Parameters = { new() { Value = query } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT facet, value, count(*) FROM docs, websearch_to_tsquery('vi_unaccent', $1) q,
                LATERAL (VALUES ('type', type), ('field', field), ('agency', agency)) f(facet, value)
            WHERE tsv @@ q AND value IS NOT NULL GROUP BY facet, value
            """) { Parameters = { new() { Value = query } } });
        using var reader = batch.ExecuteReader();
        var urls = new List<string>();
        while (reader.Read())
        {
            urls.Add(reader.GetString(0));
        }

        reader.NextResult();
        while (reader.Read())
        {
        }

        return urls;
    }

    public void Dispose() => dataSource.Dispose();
}
