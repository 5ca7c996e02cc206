/* dotnet-muxer.c - a minimal `dotnet` muxer for the linux/arm64 runtime test image.
 *
 * No served NuGet package has the arm64 `dotnet` executable (the runtime packs carry hostfxr,
 * hostpolicy and the frameworks; Microsoft.NETCore.App.Host.* carries apphost, which runs one
 * bound app only). container-env.sh cross-compiles this file with aarch64-linux-gnu-gcc.
 *
 * It does what dotnet/runtime's src/native/corehost/corehost.cpp does when built as the
 * muxer (no FEATURE_APPHOST):
 *   host_path   = own executable, fully resolved (/proc/self/exe, realpath), so the symlink
 *                 /usr/bin/dotnet resolves to /usr/share/dotnet/dotnet
 *   own name    must be "dotnet" (the real muxer refuses to run renamed)
 *   argc <= 1   prints the usage and returns InvalidArgFailure (0x80008081)
 *   dotnet_root = directory of host_path; hostfxr = <dotnet_root>/host/fxr/<highest version>/
 *                 libhostfxr.so (versions ordered like fx_ver: major.minor.patch, a release
 *                 above its pre-releases)
 *   app_path    = <dotnet_root>/dotnet.dll (the real muxer passes this; hostfxr then sees that
 *                 no such file exists and runs in muxer mode)
 *   then hostfxr_main_startupinfo(argc, argv, host_path, dotnet_root, app_path), or the v1
 *   hostfxr_main(argc, argv) when an old hostfxr lacks it.
 * The exit code is hostfxr's return value, as with the real muxer.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define StatusInvalidArgFailure      ((int)0x80008081)
#define StatusCurHostFindFailure     ((int)0x80008085)
#define StatusCoreHostLibLoadFailure ((int)0x80008082)
#define StatusCoreHostEntryPointFailure ((int)0x80008084)

typedef int (*hostfxr_main_startupinfo_fn)(int argc, const char *argv[], const char *host_path,
                                           const char *dotnet_root, const char *app_path);
typedef int (*hostfxr_main_fn)(int argc, const char *argv[]);

static int tracing;
static void trace(const char *fmt, const char *arg)
{
    if (tracing) { fputs("[dotnet-muxer] ", stderr); fprintf(stderr, fmt, arg); fputc('\n', stderr); }
}

/* A parsed version: major.minor.patch[-pre][+build]; ok = 0 if the name is no version. */
struct ver { long major, minor, patch; char pre[NAME_MAX + 1]; int ok; };

static struct ver parse_ver(const char *s)
{
    struct ver v = {0};
    char *end;
    const char *p = s;
    long *parts[3] = {&v.major, &v.minor, &v.patch};
    for (int i = 0; i < 3; i++) {
        if (*p < '0' || *p > '9') return v;
        *parts[i] = strtol(p, &end, 10);
        p = end;
        if (i < 2) { if (*p != '.') return v; p++; }
    }
    if (*p == '-') {
        size_t n = strcspn(p, "+");
        if (n > NAME_MAX) n = NAME_MAX;
        memcpy(v.pre, p, n); v.pre[n] = 0;
    } else if (*p != 0 && *p != '+') {
        return v;
    }
    v.ok = 1;
    return v;
}

/* <0, 0, >0 like strcmp; a release is above its pre-releases (pre-release order: ASCII). */
static int cmp_ver(const struct ver *a, const struct ver *b)
{
    if (a->major != b->major) return a->major < b->major ? -1 : 1;
    if (a->minor != b->minor) return a->minor < b->minor ? -1 : 1;
    if (a->patch != b->patch) return a->patch < b->patch ? -1 : 1;
    if (!a->pre[0] || !b->pre[0]) return (a->pre[0] ? -1 : 0) + (b->pre[0] ? 1 : 0);
    return strverscmp(a->pre, b->pre);
}

int main(int argc, const char *argv[])
{
    const char *t = getenv("COREHOST_TRACE");
    tracing = t && strcmp(t, "1") == 0;

    char host_path[PATH_MAX];
    if (!realpath("/proc/self/exe", host_path)) {
        fprintf(stderr, "Failed to resolve full path of the current executable [%s]\n", argv[0]);
        return StatusCurHostFindFailure;
    }
    const char *slash = strrchr(host_path, '/');
    const char *own_name = slash + 1;
    if (strcmp(own_name, "dotnet") != 0) {
        fprintf(stderr, "Error: cannot execute dotnet when renamed to %s.\n", own_name);
        return StatusCoreHostEntryPointFailure;
    }
    if (argc <= 1) {
        printf("\nUsage: dotnet [options]\nUsage: dotnet [path-to-application]\n\nOptions:\n"
               "  -h|--help         Display help.\n  --info            Display .NET information.\n"
               "  --list-sdks       Display the installed SDKs.\n  --list-runtimes   Display the installed runtimes.\n"
               "\npath-to-application:\n  The path to an application .dll file to execute.\n");
        return StatusInvalidArgFailure;
    }

    char dotnet_root[PATH_MAX];
    size_t root_len = (size_t)(slash - host_path);
    memcpy(dotnet_root, host_path, root_len ? root_len : 1);
    dotnet_root[root_len ? root_len : 1] = 0;

    char app_path[PATH_MAX + 16];
    snprintf(app_path, sizeof app_path, "%s/dotnet.dll", root_len ? dotnet_root : "");

    char fxr_dir[PATH_MAX + 16];
    snprintf(fxr_dir, sizeof fxr_dir, "%s/host/fxr", root_len ? dotnet_root : "");
    DIR *d = opendir(fxr_dir);
    struct ver best = {0};
    char best_name[NAME_MAX + 1] = "";
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            struct ver v = parse_ver(e->d_name);
            if (!v.ok) continue;
            char probe[PATH_MAX * 2];
            snprintf(probe, sizeof probe, "%s/%s/libhostfxr.so", fxr_dir, e->d_name);
            if (access(probe, F_OK) != 0) continue;
            if (!best.ok || cmp_ver(&v, &best) > 0) { best = v; snprintf(best_name, sizeof best_name, "%s", e->d_name); }
        }
        closedir(d);
    }
    if (!best.ok) {
        fprintf(stderr, "The library libhostfxr.so was not found in [%s].\n", fxr_dir);
        return StatusCoreHostLibLoadFailure;
    }
    char fxr_path[PATH_MAX * 2];
    snprintf(fxr_path, sizeof fxr_path, "%s/%s/libhostfxr.so", fxr_dir, best_name);

    trace("Resolved fxr [%s]", fxr_path);
    void *fxr = dlopen(fxr_path, RTLD_NOW | RTLD_LOCAL);
    if (!fxr) {
        fprintf(stderr, "Failed to load %s, error: %s\n", fxr_path, dlerror());
        return StatusCoreHostLibLoadFailure;
    }
    hostfxr_main_startupinfo_fn main_v2 = (hostfxr_main_startupinfo_fn)dlsym(fxr, "hostfxr_main_startupinfo");
    if (main_v2) {
        trace("Invoking fx resolver hostfxr_main_startupinfo, host path [%s]", host_path);
        trace("Dotnet path: [%s]", dotnet_root);
        trace("App path: [%s]", app_path);
        return main_v2(argc, argv, host_path, dotnet_root, app_path);
    }
    hostfxr_main_fn main_v1 = (hostfxr_main_fn)dlsym(fxr, "hostfxr_main");
    if (main_v1) {
        trace("Invoking fx resolver [%s] v1", fxr_path);
        return main_v1(argc, argv);
    }
    fprintf(stderr, "The required library %s does not contain the expected entry point.\n", fxr_path);
    return StatusCoreHostEntryPointFailure;
}
