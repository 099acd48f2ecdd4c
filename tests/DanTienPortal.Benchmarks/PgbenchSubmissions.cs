using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DanTienPortal.Web.Data.LocalCluster;
using Npgsql;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// pgbench committing what one submission commits, without the portal: the replay lock and check,
/// the case number, the case row, its two audit events and its two e-mails (and its attachments),
/// in one transaction. The rows are copies of the last case the portal stored, column for column,
/// so that the sizes are the same; only the code and the form's id differ, as they do in the portal.
/// </summary>
public sealed partial class PgbenchSubmissions(PostgresCluster cluster, string database, string work)
{
    private readonly string _pgbench = Path.Combine(PostgresBinaries.Locate().Directory, "pgbench");

    /// <summary>Runs pgbench with the same clients for the same time and returns its transactions per second.</summary>
    public double Run(int clients, int seconds, bool attachments)
    {
        var script = Path.Combine(work, "submission.sql");
        File.WriteAllText(script, Script(attachments));
        var settings = new NpgsqlConnectionStringBuilder(cluster.ConnectionString(database));
        var conninfo = $"host={settings.Host} port={settings.Port} user={settings.Username} password={settings.Password} dbname={database}";
        var output = Shell.Run(_pgbench, $"-n -c {clients} -j {Math.Min(clients, Environment.ProcessorCount)} -T {seconds} -f {script} \"{conninfo}\"");
        // A failed statement aborts its client: the figure would then be of fewer clients than asked.
        if (Tps().Match(output) is not { Success: true } match || output.Contains("aborted", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"pgbench failed:\n{output}");
        }

        // pgbench's e-mails are not the portal's to send: mark them sent so that its mail worker leaves them alone.
        using var connection = new NpgsqlConnection(cluster.ConnectionString(database, pooling: false));
        connection.Open();
        using var sent = new NpgsqlCommand("UPDATE outbox_messages SET sent_at = now() WHERE sent_at IS NULL", connection);
        sent.ExecuteNonQuery();
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The transaction in the portal's three round trips (<c>\;</c> joins statements into one):
    /// the form's lock, the replay check, the year's next number and the case's id; the rows; the
    /// commit. A random form id per transaction, and the portal's last case as the rows to copy.
    /// </summary>
    private string Script(bool attachments)
    {
        using var connection = new NpgsqlConnection(cluster.ConnectionString(database, pooling: false));
        connection.Open();
        var template = Scalar<long>(connection, "SELECT max(id) FROM feedback_cases", null);
        var year = Scalar<string>(connection, "SELECT substr(code, 6, 4) FROM feedback_cases WHERE id = @id", template);
        var (caseColumns, caseValues) = Row(connection, "feedback_cases", template, "id", "code", "submission_id");
        var events = Rows(connection, "case_events", template);
        // As the portal writes them: not yet claimed or sent (the worker may have sent the template's since).
        var mails = Rows(connection, "outbox_messages", template, "sent_at", "locked_until", "locked_by");

        var sql = new StringBuilder();
        sql.AppendLine("\\set form random(1, 9000000000000000000)");
        sql.AppendLine("BEGIN \\; SELECT pg_advisory_xact_lock(hashtextextended(md5(:form::text)::uuid::text, 0)) \\;");
        sql.AppendLine(CultureInfo.InvariantCulture,
            $"SELECT (SELECT count(*) FROM feedback_cases WHERE submission_id = md5(:form::text)::uuid) AS sent, next_case_number({year}) AS case_number, nextval(pg_get_serial_sequence('feedback_cases', 'id')) AS case_id \\gset");
        sql.AppendLine(CultureInfo.InvariantCulture,
            $"INSERT INTO feedback_cases (id, code, submission_id, {caseColumns}) VALUES (:case_id, 'PAKN-{year}-' || lpad(:case_number::text, 6, '0'), md5(:form::text)::uuid, {caseValues}) \\;");
        sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO case_events (case_id, {events.Columns}) VALUES {string.Join(", ", events.Values.Select(v => $"(:case_id, {v})"))} \\;");
        if (attachments)
        {
            // The bytes are copied on the server: pgbench has no way to send a file, so it does not pay for moving them over the socket.
            sql.AppendLine(CultureInfo.InvariantCulture,
                $"INSERT INTO case_attachments (case_id, file_name, content_type, size, content) SELECT :case_id, file_name, content_type, size, content FROM case_attachments WHERE case_id = {template} \\;");
        }

        sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO outbox_messages (case_id, {mails.Columns}) VALUES {string.Join(", ", mails.Values.Select(v => $"(:case_id, {v})"))};");
        sql.AppendLine("COMMIT;");
        return sql.ToString();
    }

    private static (string Columns, List<string> Values) Rows(NpgsqlConnection connection, string table, long caseId, params string[] except)
    {
        var ids = new List<long>();
        using (var command = new NpgsqlCommand($"SELECT id FROM {table} WHERE case_id = @id ORDER BY id", connection))
        {
            command.Parameters.AddWithValue("id", caseId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        var rows = ids.Select(id => Row(connection, table, id, ["id", "case_id", .. except])).ToList();
        return (rows[0].Columns, rows.Select(r => r.Values).ToList());
    }

    /// <summary>A row's columns and their values as SQL literals (PostgreSQL quotes them), without the columns named in <paramref name="except"/>.</summary>
    private static (string Columns, string Values) Row(NpgsqlConnection connection, string table, long id, params string[] except)
    {
        using var command = new NpgsqlCommand(
            $"SELECT string_agg(quote_ident(key), ', '), string_agg(quote_nullable(value), ', ') FROM {table} t, json_each_text(to_json(t)) WHERE t.id = @id AND NOT key = ANY(@except)",
            connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("except", except);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.GetString(1));
    }

    private static T Scalar<T>(NpgsqlConnection connection, string sql, long? id)
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (id is { } value)
        {
            command.Parameters.AddWithValue("id", value);
        }

        return (T)command.ExecuteScalar()!;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
