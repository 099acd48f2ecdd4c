using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DanTienPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    access_key_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    procedure_slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    department = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    routing_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    hamlet = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    phone = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    complaint_subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    complaint_against = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    consented_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    consent_to_publish = table.Column<bool>(type: "boolean", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accept_by = table.Column<DateOnly>(type: "date", nullable: true),
                    due_by = table.Column<DateOnly>(type: "date", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feedback_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    to = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    to_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    case_id = table.Column<long>(type: "bigint", nullable: true),
                    purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    locked_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_attachments_feedback_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "feedback_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    from_status = table.Column<int>(type: "integer", nullable: true),
                    to_status = table.Column<int>(type: "integer", nullable: true),
                    from_department = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    to_department = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_events_feedback_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "feedback_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_attachments_case_id",
                table: "case_attachments",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_events_case_id_at",
                table: "case_events",
                columns: new[] { "case_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_cases_code",
                table: "feedback_cases",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_feedback_cases_department_status",
                table: "feedback_cases",
                columns: new[] { "department", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_cases_submission_id",
                table: "feedback_cases",
                column: "submission_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at",
                table: "outbox_messages",
                column: "next_attempt_at",
                filter: "sent_at IS NULL");

            // The audit trail is append-only: the database itself refuses to change or remove a line.
            migrationBuilder.Sql("""
                CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'case_events is append-only';
                END $$;
                CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
                    FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
                CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
                    FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();
                """);

            // Tracking numbers count from 1 each year, from a sequence of that year: no row lock, so
            // submissions never wait on each other (a number lost to a rolled-back insert is skipped).
            migrationBuilder.Sql("""
                CREATE FUNCTION next_case_number(case_year integer) RETURNS bigint LANGUAGE plpgsql AS $$
                DECLARE
                    sequence_name text := 'case_number_' || case_year;
                BEGIN
                    IF to_regclass(sequence_name) IS NULL THEN
                        BEGIN
                            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', sequence_name);
                        EXCEPTION WHEN duplicate_table OR unique_violation THEN
                            -- Another session created it a moment ago.
                        END;
                    END IF;
                    RETURN nextval(sequence_name::regclass);
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION next_case_number(integer);");
            migrationBuilder.Sql("DROP TRIGGER case_events_no_truncate ON case_events; DROP TRIGGER case_events_append_only ON case_events; DROP FUNCTION case_events_append_only();");

            migrationBuilder.DropTable(
                name: "case_attachments");

            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "feedback_cases");
        }
    }
}
