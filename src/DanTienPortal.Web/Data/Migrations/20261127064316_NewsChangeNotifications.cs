using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanTienPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NewsChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every change to the posts, by any writer, tells the listening app nodes when its
            // transaction commits (NOTIFY is delivered at commit, and not at all on rollback); one
            // notification per statement, and PostgreSQL folds repeats within a transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION news_posts_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('news_changed', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER news_posts_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news_posts
                    FOR EACH STATEMENT EXECUTE FUNCTION news_posts_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER news_posts_notify ON news_posts; DROP FUNCTION news_posts_notify();");
        }
    }
}
