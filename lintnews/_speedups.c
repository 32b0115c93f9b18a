/* lintnews._speedups: the compiled core of the shared text analysis (lintnews/text.py) and
 * of two rules' searches: near words of the spelling dictionary (rules/_dictionary.py),
 * repeated words (rules/repeated_word.py).
 *
 * Optional: built where a C compiler exists, else lintnews runs its pure-Python code,
 * which stays the reference (LINTNEWS_PURE=1 forces it; tests compare the two). Each
 * function here does what one Python function there does, and returns the same
 * numbers, as compact arrays (bytes of 4- or 8-byte offsets) where there can be many.
 *
 * "Word character" means what the stdlib re module's \w means on str: Py_UNICODE_ISALNUM
 * or "_" (sre's SRE_UNI_IS_WORD), from the interpreter's own Unicode tables. A text with a
 * combining mark is split by the regex module's \w in Python, which differs; text.py
 * never calls split_words for such a text (see text._split).
 *
 * Reference counts: every new reference is either returned, stored into a list (which
 * steals it) or released on every path, error paths included (the `fail` labels).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define WORD_CHAR(c) (Py_UNICODE_ISALNUM(c) || (c) == '_')
#define JOINER(c) ((c) == '-' || (c) == '\'' || (c) == 0x2019)     /* - ' ’ inside a token */

/* An array of offsets as bytes, 4 bytes each (8 for a text of 2**31 characters or more:
 * text.offset_type), grown by doubling. */
typedef struct {
    char *data;
    Py_ssize_t n, cap;
    int wide;
} Offsets;

static int offsets_push(Offsets *o, Py_ssize_t v)
{
    if (o->n == o->cap) {
        Py_ssize_t cap = o->cap ? 2 * o->cap : 256;
        char *data = PyMem_Realloc(o->data, cap * (o->wide ? 8 : 4));
        if (data == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        o->data = data;
        o->cap = cap;
    }
    if (o->wide)
        ((int64_t *)o->data)[o->n++] = (int64_t)v;
    else
        ((int32_t *)o->data)[o->n++] = (int32_t)v;
    return 0;
}

/* The offsets as a bytes object; frees the buffer. */
static PyObject *offsets_bytes(Offsets *o)
{
    PyObject *out = PyBytes_FromStringAndSize(o->data ? o->data : "", o->n * (o->wide ? 8 : 4));
    PyMem_Free(o->data);
    o->data = NULL;
    return out;
}

static int is_wide(Py_ssize_t length) { return length >= ((Py_ssize_t)1 << 31); }

/* split_words(text, share) -> (texts, starts)
 *
 * The word tokens of text (\w+(?:[-'’]\w+)*, as text._WORD_SPLIT finds them) as a list of
 * strings, and their offsets as bytes (array typecode text.offset_type(len(text))). With
 * share true, equal tokens are one string object (for a long text: memory near its size). */
static PyObject *split_words(PyObject *self, PyObject *args)
{
    PyObject *text, *texts = NULL, *seen = NULL, *starts;
    int share;
    if (!PyArg_ParseTuple(args, "Up:split_words", &text, &share))
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    Offsets o = {NULL, 0, 0, is_wide(n)};
    texts = PyList_New(0);
    if (texts == NULL || (share && (seen = PyDict_New()) == NULL))
        goto fail;
    while (i < n) {
        if (!WORD_CHAR(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        for (;;) {
            while (i < n && WORD_CHAR(PyUnicode_READ(kind, data, i)))
                i++;
            /* a joiner carries the token on only when a word character follows it */
            if (i + 1 < n && JOINER(PyUnicode_READ(kind, data, i)) && WORD_CHAR(PyUnicode_READ(kind, data, i + 1)))
                i++;
            else
                break;
        }
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (word == NULL)
            goto fail;
        if (seen != NULL) {
            PyObject *first = PyDict_SetDefault(seen, word, word);    /* (borrowed) */
            if (first == NULL) {
                Py_DECREF(word);
                goto fail;
            }
            Py_INCREF(first);
            Py_DECREF(word);
            word = first;
        }
        int failed = PyList_Append(texts, word);
        Py_DECREF(word);
        if (failed || offsets_push(&o, start) < 0)
            goto fail;
    }
    Py_XDECREF(seen);
    starts = offsets_bytes(&o);
    if (starts == NULL) {
        Py_DECREF(texts);
        return NULL;
    }
    return Py_BuildValue("(NN)", texts, starts);
fail:
    PyMem_Free(o.data);
    Py_XDECREF(seen);
    Py_XDECREF(texts);
    return NULL;
}

/* The offsets in [start, end) of the characters in `set` (a Latin-1 table, and up to 16
 * others), pushed onto o: one loop per string kind, so that the test is a table lookup. */
#define SCAN(TYPE)                                                                                     \
    {                                                                                                  \
        const TYPE *p = (const TYPE *)data;                                                            \
        for (Py_ssize_t i = start; i < end; i++) {                                                     \
            Py_UCS4 c = p[i];                                                                          \
            int hit = c < 256 ? latin[c] : 0;                                                          \
            for (int k = 0; c >= 256 && k < nothers && !hit; k++)                                      \
                hit = others[k] == c;                                                                  \
            if (hit && offsets_push(o, i) < 0)                                                         \
                return -1;                                                                             \
        }                                                                                              \
    }

static int scan_chars(int kind, const void *data, Py_ssize_t start, Py_ssize_t end, const unsigned char *latin,
                      const Py_UCS4 *others, int nothers, Offsets *o)
{
    if (kind == PyUnicode_1BYTE_KIND)
        SCAN(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND)
        SCAN(Py_UCS2)
    else
        SCAN(Py_UCS4)
    return 0;
}

/* char_offsets(text, chars, start, end, limit) -> list | bytes
 *
 * The offsets of the characters of `chars` (at most 16 beyond Latin-1) in text[start:end],
 * in order (text.find_all for single characters): a list of ints while there are no more
 * than `limit`, else bytes of offsets (text.offset_type), so that a text dense with them
 * never makes a list of all. */
static PyObject *char_offsets(PyObject *self, PyObject *args)
{
    PyObject *text, *chars;
    Py_ssize_t start, end, limit;
    unsigned char latin[256] = {0};
    Py_UCS4 others[16];
    int nothers = 0;
    if (!PyArg_ParseTuple(args, "UUnnn:char_offsets", &text, &chars, &start, &end, &limit))
        return NULL;
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(chars, k);
        if (c < 256)
            latin[c] = 1;
        else if (nothers < 16)
            others[nothers++] = c;
        else {
            PyErr_SetString(PyExc_ValueError, "char_offsets: more than 16 characters beyond Latin-1");
            return NULL;
        }
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (start < 0)
        start = 0;
    if (end > n)
        end = n;
    Offsets o = {NULL, 0, 0, is_wide(n)};
    if (scan_chars(PyUnicode_KIND(text), PyUnicode_DATA(text), start, end, latin, others, nothers, &o) < 0) {
        PyMem_Free(o.data);
        return NULL;
    }
    if (o.n > limit)
        return offsets_bytes(&o);
    PyObject *out = PyList_New(o.n);
    for (Py_ssize_t k = 0; out != NULL && k < o.n; k++) {
        PyObject *v = PyLong_FromSsize_t(o.wide ? (Py_ssize_t)((int64_t *)o.data)[k] : ((int32_t *)o.data)[k]);
        if (v == NULL)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, k, v);      /* (steals v) */
    }
    PyMem_Free(o.data);
    return out;
}

/* regex's \s, as patterns.SPACE spells it */
static int is_space(Py_UCS4 c)
{
    return (c >= 0x09 && c <= 0x0d) || c == ' ' || c == 0x85 || c == 0xa0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
           c == 0x3000;
}

static int is_stop(Py_UCS4 c) { return c == '.' || c == '!' || c == '?'; }

/* the marks that may follow a stop: " ' ” ’ ) ] */
static int is_closer(Py_UCS4 c)
{
    return c == '"' || c == '\'' || c == 0x201d || c == 0x2019 || c == ')' || c == ']';
}

/* the marks that may open the next sentence: " ' “ ‘ ( [ */
static int is_opener(Py_UCS4 c)
{
    return c == '"' || c == '\'' || c == 0x201c || c == 0x2018 || c == '(' || c == '[';
}

/* stops(text, capital_or_figure) -> bytes
 *
 * Where text._SENTENCE_END matches, as text._stops finds them in Python: (start, end,
 * end of the white space after it) for each, flat, as bytes of offsets (text.offset_type).
 * A match is a run of [.!?] or one "…", any closing marks, white space, any opening marks,
 * then a capital letter or figure: an ASCII one is told here, any other character is
 * passed to capital_or_figure (Python's own test, so that "capital" means the same). */
static PyObject *stops(PyObject *self, PyObject *args)
{
    PyObject *text, *capital;
    if (!PyArg_ParseTuple(args, "UO:stops", &text, &capital))
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    Offsets o = {NULL, 0, 0, is_wide(n)};
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!is_stop(c) && c != 0x2026) {
            i++;
            continue;
        }
        Py_ssize_t j = i + 1;
        if (c != 0x2026)
            while (j < n && is_stop(PyUnicode_READ(kind, data, j)))
                j++;
        Py_ssize_t run_end = j;              /* (past the run of [.!?], or the "…") */
        while (j < n && is_closer(PyUnicode_READ(kind, data, j)))
            j++;
        Py_ssize_t end = j;
        while (j < n && is_space(PyUnicode_READ(kind, data, j)))
            j++;
        Py_ssize_t space_end = j;
        while (j < n && is_opener(PyUnicode_READ(kind, data, j)))
            j++;
        int found = 0;
        if (space_end > end && j < n) {
            Py_UCS4 next = PyUnicode_READ(kind, data, j);
            if (next < 128)
                found = (next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') || next == '$';
            else {
                PyObject *ch = PyUnicode_FromOrdinal(next);
                if (ch == NULL)
                    goto fail;
                PyObject *answer = PyObject_CallOneArg(capital, ch);
                Py_DECREF(ch);
                if (answer == NULL)
                    goto fail;
                found = PyObject_IsTrue(answer);
                Py_DECREF(answer);
                if (found < 0)
                    goto fail;
            }
        }
        if (found) {
            if (offsets_push(&o, i) < 0 || offsets_push(&o, end) < 0 || offsets_push(&o, space_end) < 0)
                goto fail;
            i = end;
        }
        else
            i = run_end;      /* no later mark of the run makes a match either (see text._stops) */
    }
    return offsets_bytes(&o);
fail:
    PyMem_Free(o.data);
    return NULL;
}

/* Add buf[:n] to `found` where `words` holds it (see near_words). */
static int keep_if_word(const Py_UCS4 *buf, Py_ssize_t n, PyObject *words, PyObject *found)
{
    PyObject *edit = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, n);
    if (edit == NULL)
        return -1;
    int known = PySet_Contains(words, edit);
    if (known > 0)
        known = PySet_Add(found, edit);
    Py_DECREF(edit);
    return known;
}

/* near_words(word, letters, words): the set of strings one edit from `word` that the set
 * `words` holds: a letter deleted, two neighbours swapped, a letter replaced by one of
 * `letters` or one of them inserted; never `word` itself (see _dictionary._near_words). */
static PyObject *near_words(PyObject *self, PyObject *args)
{
    PyObject *word, *letters, *words;
    if (!PyArg_ParseTuple(args, "UUO", &word, &letters, &words))
        return NULL;
    if (!PyAnySet_Check(words)) {
        PyErr_SetString(PyExc_TypeError, "near_words: words must be a set or a frozenset");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(word), m = PyUnicode_GET_LENGTH(letters);
    Py_UCS4 *w = PyUnicode_AsUCS4Copy(word);
    Py_UCS4 *abc = PyUnicode_AsUCS4Copy(letters);
    Py_UCS4 *buf = PyMem_Malloc((n + 1) * sizeof(Py_UCS4));
    PyObject *found = PySet_New(NULL);
    if (w == NULL || abc == NULL || found == NULL || buf == NULL) {
        if (buf == NULL)
            PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {                 /* deleted */
        memcpy(buf, w, i * sizeof(Py_UCS4));
        memcpy(buf + i, w + i + 1, (n - i - 1) * sizeof(Py_UCS4));
        if (keep_if_word(buf, n - 1, words, found) < 0)
            goto fail;
    }
    memcpy(buf, w, n * sizeof(Py_UCS4));
    for (Py_ssize_t i = 0; i + 1 < n; i++) {             /* swapped (the same word where both are one) */
        if (w[i] == w[i + 1])
            continue;
        buf[i] = w[i + 1];
        buf[i + 1] = w[i];
        int r = keep_if_word(buf, n, words, found);
        buf[i] = w[i];
        buf[i + 1] = w[i + 1];
        if (r < 0)
            goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {                 /* replaced */
        for (Py_ssize_t j = 0; j < m; j++) {
            if (abc[j] == w[i])
                continue;
            buf[i] = abc[j];
            if (keep_if_word(buf, n, words, found) < 0)
                goto fail;
        }
        buf[i] = w[i];
    }
    for (Py_ssize_t i = 0; i <= n; i++) {                /* inserted */
        memcpy(buf, w, i * sizeof(Py_UCS4));
        memcpy(buf + i + 1, w + i, (n - i) * sizeof(Py_UCS4));
        for (Py_ssize_t j = 0; j < m; j++) {
            buf[i] = abc[j];
            if (keep_if_word(buf, n + 1, words, found) < 0)
                goto fail;
        }
    }
    PyMem_Free(w);
    PyMem_Free(abc);
    PyMem_Free(buf);
    return found;
fail:
    PyMem_Free(w);
    PyMem_Free(abc);
    PyMem_Free(buf);
    Py_XDECREF(found);
    return NULL;
}

/* CRC-32 as zlib.crc32 computes it (polynomial 0xEDB88320, reflected), by a table made at
 * import. */
static uint32_t crc_table[256];

static void crc_table_make(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc32_of(const unsigned char *p, Py_ssize_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (Py_ssize_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* crc_holds(codes, word): whether the array of 4-byte codes `codes` (array('I'), sorted)
 * holds the CRC-32 of word's UTF-8, found where bisect_left puts it (see
 * _dictionary._crc_holds). */
static PyObject *crc_holds(PyObject *self, PyObject *args)
{
    Py_buffer codes;
    PyObject *word;
    if (!PyArg_ParseTuple(args, "y*U", &codes, &word))
        return NULL;
    if (codes.itemsize != 4 || codes.len % 4 != 0) {
        PyBuffer_Release(&codes);
        PyErr_SetString(PyExc_TypeError, "crc_holds: codes must be an array of 4-byte codes");
        return NULL;
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(word, &size);
    if (utf8 == NULL) {
        PyBuffer_Release(&codes);
        return NULL;
    }
    uint32_t code = crc32_of((const unsigned char *)utf8, size);
    const uint32_t *a = codes.buf;
    Py_ssize_t lo = 0, hi = codes.len / 4;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (a[mid] < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    int found = lo < codes.len / 4 && a[lo] == code;
    PyBuffer_Release(&codes);
    return PyBool_FromLong(found);
}

/* Whether two strings are equal (as == says: a str is stored in its narrowest kind). */
static int same_text(PyObject *a, PyObject *b)
{
    if (a == b)
        return 1;
    if (!PyUnicode_CheckExact(a) || !PyUnicode_CheckExact(b)) {
        PyErr_SetString(PyExc_TypeError, "repeats: words must be a list of str");
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    int kind = PyUnicode_KIND(a);
    return n == PyUnicode_GET_LENGTH(b) && kind == PyUnicode_KIND(b)
        && memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), n * kind) == 0;
}

/* repeats(words, start, limit): where the n words from i are written again at once, for
 * i from `start` on, as a list of i * 4 + n in order of i then n ("the the": n = 1; "a b a
 * b": 2; "a b c a b c": 3), stopping before an i whose matches could pass `limit` of
 * them; and the i to go on from (len(words) at the end).
 * See repeated_word.RepeatedWord._candidates, its Python twin. */
static PyObject *repeats(PyObject *self, PyObject *args)
{
    PyObject *words;
    Py_ssize_t start, limit;
    if (!PyArg_ParseTuple(args, "O!nn", &PyList_Type, &words, &start, &limit))
        return NULL;
    if (limit < 3)
        limit = 3;                          /* (room for one i's matches: the caller goes on) */
    PyObject *found = PyList_New(0);
    if (found == NULL)
        return NULL;
    Py_ssize_t i = start < 0 ? 0 : start;
    for (; i < PyList_GET_SIZE(words) && PyList_GET_SIZE(found) + 3 <= limit; i++) {
        Py_ssize_t last = PyList_GET_SIZE(words) - 1;
        PyObject **f = ((PyListObject *)words)->ob_item;
        int r1 = 0, r2 = 0, r3 = 0;
        if (i + 1 <= last && (r1 = same_text(f[i], f[i + 1])) < 0)
            goto fail;
        if (i + 3 <= last && (r2 = same_text(f[i], f[i + 2])) > 0 && (r2 = same_text(f[i + 1], f[i + 3])) > 0)
            r2 = r1 ? 0 : 1;                /* f[i] != f[i + 1] */
        if (r2 < 0)
            goto fail;
        if (i + 5 <= last && (r3 = same_text(f[i], f[i + 3])) > 0 && (r3 = same_text(f[i + 1], f[i + 4])) > 0)
            r3 = same_text(f[i + 2], f[i + 5]);
        if (r3 < 0)
            goto fail;
        for (int n = 1; n <= 3; n++) {
            if (!(n == 1 ? r1 : n == 2 ? r2 : r3))
                continue;
            PyObject *v = PyLong_FromSsize_t(i * 4 + n);
            if (v == NULL || PyList_Append(found, v) < 0) {
                Py_XDECREF(v);
                goto fail;
            }
            Py_DECREF(v);
        }
    }
    return Py_BuildValue("(Nn)", found, i);
fail:
    Py_DECREF(found);
    return NULL;
}

/* ---------------------------------------------------------------------------------------
 * Issue 17: where watched words occur (rules/_anchored.py), one block for an easy merge.
 *
 * watched_places(tokens, screen) -> bytes
 *
 * What rules/_anchored._places_in_python returns: the indexes i (8 bytes each) of the
 * tokens that are keys of screen (a dict: word -> the words wanted after it) and whose next
 * token (or "" after the last) is `in` screen[tokens[i]]. Most tokens are short words of
 * one-byte characters: such a token is looked up by its bytes in a small table of the
 * short keys, without computing its hash (each token is a fresh string: Python would hash
 * every one of them); any other token is looked up in the dict. */
#define WATCH_SLOTS 512                     /* a power of 2; at most half of them used */
#define WATCH_SHORT 8                       /* a short word: up to 8 one-byte characters */

typedef struct {
    uint64_t key[WATCH_SLOTS];              /* the word's bytes, zero-padded */
    unsigned char len[WATCH_SLOTS];         /* its length; 0: an empty slot */
    PyObject *after[WATCH_SLOTS];           /* what may follow it (a new reference) */
} WatchTable;

static void watch_table_free(WatchTable *table)
{
    for (Py_ssize_t k = 0; k < WATCH_SLOTS; k++)
        if (table->len[k])
            Py_DECREF(table->after[k]);
    PyMem_Free(table);
}

static int is_short(PyObject *s)
{
    return PyUnicode_CheckExact(s) && PyUnicode_KIND(s) == PyUnicode_1BYTE_KIND
        && PyUnicode_GET_LENGTH(s) >= 1 && PyUnicode_GET_LENGTH(s) <= WATCH_SHORT;
}

static uint64_t short_key(PyObject *s)
{
    uint64_t key = 0;
    memcpy(&key, PyUnicode_1BYTE_DATA(s), PyUnicode_GET_LENGTH(s));
    return key;
}

static Py_ssize_t watch_slot(uint64_t key, Py_ssize_t len)
{
    return (Py_ssize_t)(((key ^ (uint64_t)len) * 0x9E3779B97F4A7C15ULL) >> 55);     /* 9 bits */
}

static PyObject *watched_places(PyObject *self, PyObject *args)
{
    PyObject *tokens, *screen;
    if (!PyArg_ParseTuple(args, "O!O!:watched_places", &PyList_Type, &tokens, &PyDict_Type, &screen))
        return NULL;
    WatchTable *table = PyMem_Calloc(1, sizeof(WatchTable));
    if (table == NULL)
        return PyErr_NoMemory();
    PyObject *empty = PyUnicode_FromStringAndSize("", 0), *word, *after;
    Offsets o = {NULL, 0, 0, 1};
    if (empty == NULL)
        goto fail;
    /* every key short: a short token not in the table is in no key, and another token
     * is not looked up at all */
    int all_short = PyDict_GET_SIZE(screen) <= WATCH_SLOTS / 2;
    Py_ssize_t pos = 0;
    while (all_short && PyDict_Next(screen, &pos, &word, &after)) {
        if (!is_short(word)) {
            all_short = 0;
            break;
        }
        uint64_t key = short_key(word);
        Py_ssize_t len = PyUnicode_GET_LENGTH(word), k = watch_slot(key, len);
        while (table->len[k])
            k = (k + 1) & (WATCH_SLOTS - 1);
        table->key[k] = key;
        table->len[k] = (unsigned char)len;
        Py_INCREF(after);
        table->after[k] = after;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(tokens); i++) {
        PyObject *token = PyList_GET_ITEM(tokens, i);
        if (all_short) {
            if (!is_short(token))
                continue;
            uint64_t key = short_key(token);
            Py_ssize_t len = PyUnicode_GET_LENGTH(token), k = watch_slot(key, len);
            while (table->len[k] && (table->len[k] != len || table->key[k] != key))
                k = (k + 1) & (WATCH_SLOTS - 1);
            if (!table->len[k])
                continue;
            after = table->after[k];
        }
        else {
            after = PyDict_GetItemWithError(screen, token);
            if (after == NULL) {
                if (PyErr_Occurred())
                    goto fail;
                continue;
            }
        }
        Py_INCREF(after);           /* (`in` may run Python code that changes the screen) */
        PyObject *next = i + 1 < PyList_GET_SIZE(tokens) ? PyList_GET_ITEM(tokens, i + 1) : empty;
        Py_INCREF(next);
        int wanted = PyAnySet_Check(after) ? PySet_Contains(after, next) : PySequence_Contains(after, next);
        Py_DECREF(next);
        Py_DECREF(after);
        if (wanted < 0 || (wanted && offsets_push(&o, i) < 0))
            goto fail;
    }
    Py_DECREF(empty);
    watch_table_free(table);
    return offsets_bytes(&o);
fail:
    Py_XDECREF(empty);
    watch_table_free(table);
    PyMem_Free(o.data);
    return NULL;
}

static PyMethodDef methods[] = {
    {"split_words", split_words, METH_VARARGS, "The word tokens of a text and their offsets (see text.Tokens)."},
    {"char_offsets", char_offsets, METH_VARARGS, "The offsets of some characters in a text (see text.find_all)."},
    {"stops", stops, METH_VARARGS, "Where sentences may end (see text._stops)."},
    {"crc_holds", crc_holds, METH_VARARGS, "Whether sorted CRC-32 codes hold a word's (see _dictionary)."},
    {"repeats", repeats, METH_VARARGS, "Where words are written again at once (see repeated_word)."},
    {"near_words", near_words, METH_VARARGS, "The words of a set one edit from a word (see _dictionary)."},
    /* issue 17 */
    {"watched_places", watched_places, METH_VARARGS, "Where watched words occur (see rules/_anchored.places)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "lintnews._speedups",
    .m_doc = "The compiled core of lintnews.text (optional).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    crc_table_make();
    return PyModule_Create(&module);
}
