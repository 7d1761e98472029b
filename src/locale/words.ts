/**
 * The words Folio generates, in every language it has them for: headings of the contents,
 * glossary and index, "on page 7", "Part 2", cover labels, EPUB navigation and landmark
 * titles, figure, table and equation names, note headings. Everything an edition prints
 * that the author did not write comes from here, in the language of the edition or of the
 * document it stands in (src/locale/locale.ts finds the table for a language tag).
 *
 * A phrase with a part that is not text (a page number that is a link, a document title
 * in emphasis) is a function returning its pieces in order: the strings are text, the
 * other pieces are what was passed in. Words a phrase capitalises only at a sentence start
 * (the index's "see") are given in lower case; the caller capitalises.
 */

/** Pieces of a phrase around one inserted part: text, and the part itself where it goes. */
export type Pieces<T> = Array<string | T>;

export interface GeneratedWords {
  /** The contents page's heading, its running head and its EPUB nav title. */
  contents: string;
  glossary: string;
  index: string;
  /** The index group of entries that start with no letter. */
  numbersAndSymbols: string;
  /** "see" before a preferred index term (lower case; capitalised after a full stop). */
  see: string;
  /** "see also" before related index or glossary terms (lower case). */
  seeAlso: string;
  /** Before the places a glossary term is used ("Used in §2.1, §3"). */
  usedIn: string;
  /** Punctuation of generated phrases: a comma (with its space), a full stop, a word space. */
  comma: string;
  fullStop: string;
  wordSpace: string;
  /** Between terms listed after "see also" in the glossary. */
  listSeparator: string;
  /** Between terms listed after "see" in the index (English uses a semicolon). */
  alternativeSeparator: string;
  /** A locator for a spot before a document's first section. */
  opening: string;
  /** A print cross-reference's page: ", on page 7" with the page (a link) in place. */
  onPage: <T>(page: T) => Pieces<T>;
  /** A reference into another document: ", in *MFA 2017*" with the title in place. */
  inDocument: <T>(title: T) => Pieces<T>;
  /** How a reference names a numbered section: "Section 2.2.1". */
  section: (number: string) => string;
  /** A section numbered within a chapter: "Chapter II, section 1". */
  sectionInChapter: (chapter: string, number: string) => string;
  /** The kicker above each document of a several-document edition: "Part 2". */
  part: (number: number) => string;
  volume: (volume: string) => string;
  issue: (issue: string) => string;
  titleSupplied: string;
  /** The document header's source line: "Source: …". */
  source: (source: string) => string;
  /** Cover labels (templates/cover.html, by their `data-field-label`). */
  preparedFor: string;
  preparedBy: string;
  date: string;
  /** The cover's landmark, EPUB chapter title and `aria-label`. */
  cover: string;
  /** A cover label and its value as one line of text ("Prepared for Ministry"). */
  labelled: (label: string, value: string) => string;
  /** The cover image's text alternative: "Cover: Title. Subtitle". */
  coverAlt: (text: string) => string;
  /** The EPUB landmark of the body's start. */
  startOfContent: string;
  /** Titles of the EPUB's hidden navigation lists. */
  landmarks: string;
  pageList: string;
  /** Figures, tables and equations as captions and references name them ("Figure 3"). */
  figure: (number: string) => string;
  table: (number: string) => string;
  equation: (number: string) => string;
  /** A table's box as assistive technology names it (no number). */
  tableRegion: string;
  listOfFigures: string;
  listOfTables: string;
  /** The heading of footnotes at a section's end, and of endnotes. */
  footnotes: string;
  notes: string;
  /** A footnote's link back to its reference, for assistive technology: "Back to reference 3". */
  backToReference: (number: string) => string;
  /** A note reference, for assistive technology: "Note 3". */
  noteReference: (number: string) => string;
  /** Annotation kinds, as an annotated edition labels each note. */
  annotationKinds: {
    commentary: string;
    context: string;
    'translation-note': string;
    'cross-reference': string;
    editorial: string;
  };
  /** A note's link back to its passage, for assistive technology. */
  noteBacklink: (number: number) => string;
}

const en: GeneratedWords = {
  contents: 'Contents',
  glossary: 'Glossary',
  index: 'Index',
  numbersAndSymbols: 'Numbers and symbols',
  see: 'see',
  seeAlso: 'see also',
  usedIn: 'Used in',
  comma: ', ',
  fullStop: '.',
  wordSpace: ' ',
  listSeparator: ', ',
  alternativeSeparator: '; ',
  opening: 'opening',
  onPage: (page) => [', on page ', page],
  inDocument: (title) => [', in ', title],
  section: (n) => `Section ${n}`,
  sectionInChapter: (chapter, n) => `${chapter}, section ${n}`,
  part: (n) => `Part ${n}`,
  volume: (v) => `Vol. ${v}`,
  issue: (i) => `No. ${i}`,
  titleSupplied: 'Title supplied by the editors',
  source: (s) => `Source: ${s}`,
  preparedFor: 'Prepared for',
  preparedBy: 'Prepared by',
  date: 'Date',
  cover: 'Cover',
  labelled: (label, value) => `${label} ${value}`,
  coverAlt: (text) => `Cover: ${text}`,
  startOfContent: 'Start of content',
  landmarks: 'Landmarks',
  pageList: 'Pages',
  figure: (n) => `Figure ${n}`,
  table: (n) => `Table ${n}`,
  equation: (n) => `Equation ${n}`,
  tableRegion: 'Table',
  listOfFigures: 'List of figures',
  listOfTables: 'List of tables',
  footnotes: 'Footnotes',
  notes: 'Notes',
  backToReference: (n) => `Back to reference ${n}`,
  noteReference: (n) => `Note ${n}`,
  annotationKinds: {
    commentary: 'Commentary',
    context: 'Context',
    'translation-note': 'Translation note',
    'cross-reference': 'Cross-reference',
    editorial: 'Editorial note',
  },
  noteBacklink: (n) => `Note ${n}, back to the passage`,
};

const de: GeneratedWords = {
  contents: 'Inhalt',
  glossary: 'Glossar',
  index: 'Register',
  numbersAndSymbols: 'Zahlen und Symbole',
  see: 'siehe',
  seeAlso: 'siehe auch',
  usedIn: 'Verwendet in',
  comma: ', ',
  fullStop: '.',
  wordSpace: ' ',
  listSeparator: ', ',
  alternativeSeparator: '; ',
  opening: 'Anfang',
  onPage: (page) => [', auf Seite ', page],
  inDocument: (title) => [', in ', title],
  section: (n) => `Abschnitt ${n}`,
  sectionInChapter: (chapter, n) => `${chapter}, Abschnitt ${n}`,
  part: (n) => `Teil ${n}`,
  volume: (v) => `Bd. ${v}`,
  issue: (i) => `Nr. ${i}`,
  titleSupplied: 'Titel von den Herausgebern ergänzt',
  source: (s) => `Quelle: ${s}`,
  preparedFor: 'Erstellt für',
  preparedBy: 'Erstellt von',
  date: 'Datum',
  cover: 'Umschlag',
  labelled: (label, value) => `${label} ${value}`,
  coverAlt: (text) => `Umschlag: ${text}`,
  startOfContent: 'Beginn des Inhalts',
  landmarks: 'Orientierungspunkte',
  pageList: 'Seiten',
  figure: (n) => `Abbildung ${n}`,
  table: (n) => `Tabelle ${n}`,
  equation: (n) => `Gleichung ${n}`,
  tableRegion: 'Tabelle',
  listOfFigures: 'Abbildungsverzeichnis',
  listOfTables: 'Tabellenverzeichnis',
  footnotes: 'Fußnoten',
  notes: 'Anmerkungen',
  backToReference: (n) => `Zurück zur Fußnotenmarke ${n}`,
  noteReference: (n) => `Fußnote ${n}`,
  annotationKinds: {
    commentary: 'Kommentar',
    context: 'Kontext',
    'translation-note': 'Übersetzungshinweis',
    'cross-reference': 'Querverweis',
    editorial: 'Anmerkung der Herausgeber',
  },
  noteBacklink: (n) => `Anmerkung ${n}, zurück zur Textstelle`,
};

/** Swiss German writes no ß. */
const deCH: GeneratedWords = { ...de, footnotes: 'Fussnoten' };

const fr: GeneratedWords = {
  contents: 'Table des matières',
  glossary: 'Glossaire',
  index: 'Index',
  numbersAndSymbols: 'Chiffres et symboles',
  see: 'voir',
  seeAlso: 'voir aussi',
  usedIn: 'Employé dans',
  comma: ', ',
  fullStop: '.',
  wordSpace: ' ',
  listSeparator: ', ',
  alternativeSeparator: ' ; ',
  opening: 'début',
  onPage: (page) => [', à la page ', page],
  inDocument: (title) => [', dans ', title],
  section: (n) => `Section ${n}`,
  sectionInChapter: (chapter, n) => `${chapter}, section ${n}`,
  part: (n) => `Partie ${n}`,
  volume: (v) => `Vol. ${v}`,
  issue: (i) => `No ${i}`,
  titleSupplied: 'Titre ajouté par les éditeurs',
  source: (s) => `Source : ${s}`,
  preparedFor: 'Préparé pour',
  preparedBy: 'Préparé par',
  date: 'Date',
  cover: 'Couverture',
  labelled: (label, value) => `${label} ${value}`,
  coverAlt: (text) => `Couverture : ${text}`,
  startOfContent: 'Début du contenu',
  landmarks: 'Repères',
  pageList: 'Pages',
  figure: (n) => `Figure ${n}`,
  table: (n) => `Tableau ${n}`,
  equation: (n) => `Équation ${n}`,
  tableRegion: 'Tableau',
  listOfFigures: 'Table des figures',
  listOfTables: 'Liste des tableaux',
  footnotes: 'Notes de bas de page',
  notes: 'Notes',
  backToReference: (n) => `Retour à l’appel de note ${n}`,
  noteReference: (n) => `Note ${n}`,
  annotationKinds: {
    commentary: 'Commentaire',
    context: 'Contexte',
    'translation-note': 'Note du traducteur',
    'cross-reference': 'Renvoi',
    editorial: 'Note de la rédaction',
  },
  noteBacklink: (n) => `Note ${n}, retour au passage`,
};

const es: GeneratedWords = {
  contents: 'Índice',
  glossary: 'Glosario',
  index: 'Índice alfabético',
  numbersAndSymbols: 'Números y símbolos',
  see: 'véase',
  seeAlso: 'véase también',
  usedIn: 'Usado en',
  comma: ', ',
  fullStop: '.',
  wordSpace: ' ',
  listSeparator: ', ',
  alternativeSeparator: '; ',
  opening: 'inicio',
  onPage: (page) => [', en la página ', page],
  inDocument: (title) => [', en ', title],
  section: (n) => `Sección ${n}`,
  sectionInChapter: (chapter, n) => `${chapter}, sección ${n}`,
  part: (n) => `Parte ${n}`,
  volume: (v) => `Vol. ${v}`,
  issue: (i) => `N.º ${i}`,
  titleSupplied: 'Título añadido por los editores',
  source: (s) => `Fuente: ${s}`,
  preparedFor: 'Preparado para',
  preparedBy: 'Preparado por',
  date: 'Fecha',
  cover: 'Portada',
  labelled: (label, value) => `${label} ${value}`,
  coverAlt: (text) => `Portada: ${text}`,
  startOfContent: 'Inicio del contenido',
  landmarks: 'Puntos de referencia',
  pageList: 'Páginas',
  figure: (n) => `Figura ${n}`,
  table: (n) => `Tabla ${n}`,
  equation: (n) => `Ecuación ${n}`,
  tableRegion: 'Tabla',
  listOfFigures: 'Índice de figuras',
  listOfTables: 'Índice de tablas',
  footnotes: 'Notas al pie',
  notes: 'Notas',
  backToReference: (n) => `Volver a la llamada ${n}`,
  noteReference: (n) => `Nota ${n}`,
  annotationKinds: {
    commentary: 'Comentario',
    context: 'Contexto',
    'translation-note': 'Nota de traducción',
    'cross-reference': 'Referencia cruzada',
    editorial: 'Nota editorial',
  },
  noteBacklink: (n) => `Nota ${n}, volver al pasaje`,
};

const it: GeneratedWords = {
  contents: 'Indice',
  glossary: 'Glossario',
  index: 'Indice analitico',
  numbersAndSymbols: 'Numeri e simboli',
  see: 'vedi',
  seeAlso: 'vedi anche',
  usedIn: 'Usato in',
  comma: ', ',
  fullStop: '.',
  wordSpace: ' ',
  listSeparator: ', ',
  alternativeSeparator: '; ',
  opening: 'inizio',
  onPage: (page) => [', a pagina ', page],
  inDocument: (title) => [', in ', title],
  section: (n) => `Sezione ${n}`,
  sectionInChapter: (chapter, n) => `${chapter}, sezione ${n}`,
  part: (n) => `Parte ${n}`,
  volume: (v) => `Vol. ${v}`,
  issue: (i) => `N. ${i}`,
  titleSupplied: 'Titolo aggiunto dai curatori',
  source: (s) => `Fonte: ${s}`,
  preparedFor: 'Preparato per',
  preparedBy: 'Preparato da',
  date: 'Data',
  cover: 'Copertina',
  labelled: (label, value) => `${label} ${value}`,
  coverAlt: (text) => `Copertina: ${text}`,
  startOfContent: 'Inizio del contenuto',
  landmarks: 'Punti di riferimento',
  pageList: 'Pagine',
  figure: (n) => `Figura ${n}`,
  table: (n) => `Tabella ${n}`,
  equation: (n) => `Equazione ${n}`,
  tableRegion: 'Tabella',
  listOfFigures: 'Indice delle figure',
  listOfTables: 'Indice delle tabelle',
  footnotes: 'Note a piè di pagina',
  notes: 'Note',
  backToReference: (n) => `Torna al richiamo ${n}`,
  noteReference: (n) => `Nota ${n}`,
  annotationKinds: {
    commentary: 'Commento',
    context: 'Contesto',
    'translation-note': 'Nota del traduttore',
    'cross-reference': 'Rimando',
    editorial: 'Nota redazionale',
  },
  noteBacklink: (n) => `Nota ${n}, torna al passo`,
};

const pt: GeneratedWords = {
  contents: 'Sumário',
  glossary: 'Glossário',
  index: 'Índice remissivo',
  numbersAndSymbols: 'Números e símbolos',
  see: 'ver',
  seeAlso: 'ver também',
  usedIn: 'Usado em',
  comma: ', ',
  fullStop: '.',
  wordSpace: ' ',
  listSeparator: ', ',
  alternativeSeparator: '; ',
  opening: 'início',
  onPage: (page) => [', na página ', page],
  inDocument: (title) => [', em ', title],
  section: (n) => `Seção ${n}`,
  sectionInChapter: (chapter, n) => `${chapter}, seção ${n}`,
  part: (n) => `Parte ${n}`,
  volume: (v) => `Vol. ${v}`,
  issue: (i) => `N.º ${i}`,
  titleSupplied: 'Título atribuído pelos editores',
  source: (s) => `Fonte: ${s}`,
  preparedFor: 'Preparado para',
  preparedBy: 'Preparado por',
  date: 'Data',
  cover: 'Capa',
  labelled: (label, value) => `${label} ${value}`,
  coverAlt: (text) => `Capa: ${text}`,
  startOfContent: 'Início do conteúdo',
  landmarks: 'Pontos de referência',
  pageList: 'Páginas',
  figure: (n) => `Figura ${n}`,
  table: (n) => `Tabela ${n}`,
  equation: (n) => `Equação ${n}`,
  tableRegion: 'Tabela',
  listOfFigures: 'Lista de figuras',
  listOfTables: 'Lista de tabelas',
  footnotes: 'Notas de rodapé',
  notes: 'Notas',
  backToReference: (n) => `Voltar à chamada ${n}`,
  noteReference: (n) => `Nota ${n}`,
  annotationKinds: {
    commentary: 'Comentário',
    context: 'Contexto',
    'translation-note': 'Nota de tradução',
    'cross-reference': 'Remissão',
    editorial: 'Nota editorial',
  },
  noteBacklink: (n) => `Nota ${n}, voltar à passagem`,
};

/** European Portuguese spells "secção" and calls the contents "Índice". */
const ptPT: GeneratedWords = {
  ...pt,
  contents: 'Índice',
  section: (n) => `Secção ${n}`,
  sectionInChapter: (chapter, n) => `${chapter}, secção ${n}`,
};

const zhHans: GeneratedWords = {
  contents: '目录',
  glossary: '术语表',
  index: '索引',
  numbersAndSymbols: '数字和符号',
  see: '见',
  seeAlso: '另见',
  usedIn: '见于',
  comma: '，',
  fullStop: '。',
  wordSpace: '',
  listSeparator: '、',
  alternativeSeparator: '；',
  opening: '开篇',
  onPage: (page) => ['，第', page, '页'],
  inDocument: (title) => ['，载于《', title, '》'],
  section: (n) => `第${n}节`,
  sectionInChapter: (chapter, n) => `${chapter}第${n}节`,
  part: (n) => `第${n}部分`,
  volume: (v) => `第${v}卷`,
  issue: (i) => `第${i}期`,
  titleSupplied: '标题为编者所加',
  source: (s) => `来源：${s}`,
  preparedFor: '呈送对象',
  preparedBy: '编制单位',
  date: '日期',
  cover: '封面',
  labelled: (label, value) => `${label}：${value}`,
  coverAlt: (text) => `封面：${text}`,
  startOfContent: '正文开始',
  landmarks: '导航标志',
  pageList: '页码',
  figure: (n) => `图${n}`,
  table: (n) => `表${n}`,
  equation: (n) => `公式${n}`,
  tableRegion: '表格',
  listOfFigures: '插图目录',
  listOfTables: '表格目录',
  footnotes: '脚注',
  notes: '注释',
  backToReference: (n) => `返回注${n}的引用处`,
  noteReference: (n) => `注${n}`,
  annotationKinds: {
    commentary: '评注',
    context: '背景',
    'translation-note': '译注',
    'cross-reference': '参见',
    editorial: '编者注',
  },
  noteBacklink: (n) => `注${n}，返回原文`,
};

const zhHant: GeneratedWords = {
  contents: '目錄',
  glossary: '術語表',
  index: '索引',
  numbersAndSymbols: '數字和符號',
  see: '見',
  seeAlso: '另見',
  usedIn: '見於',
  comma: '，',
  fullStop: '。',
  wordSpace: '',
  listSeparator: '、',
  alternativeSeparator: '；',
  opening: '開篇',
  onPage: (page) => ['，第', page, '頁'],
  inDocument: (title) => ['，載於《', title, '》'],
  section: (n) => `第${n}節`,
  sectionInChapter: (chapter, n) => `${chapter}第${n}節`,
  part: (n) => `第${n}部分`,
  volume: (v) => `第${v}卷`,
  issue: (i) => `第${i}期`,
  titleSupplied: '標題為編者所加',
  source: (s) => `來源：${s}`,
  preparedFor: '呈送對象',
  preparedBy: '編製單位',
  date: '日期',
  cover: '封面',
  labelled: (label, value) => `${label}：${value}`,
  coverAlt: (text) => `封面：${text}`,
  startOfContent: '正文開始',
  landmarks: '導覽標誌',
  pageList: '頁碼',
  figure: (n) => `圖${n}`,
  table: (n) => `表${n}`,
  equation: (n) => `公式${n}`,
  tableRegion: '表格',
  listOfFigures: '插圖目錄',
  listOfTables: '表格目錄',
  footnotes: '腳註',
  notes: '註釋',
  backToReference: (n) => `返回註${n}的引用處`,
  noteReference: (n) => `註${n}`,
  annotationKinds: {
    commentary: '評註',
    context: '背景',
    'translation-note': '譯註',
    'cross-reference': '參見',
    editorial: '編者註',
  },
  noteBacklink: (n) => `註${n}，返回原文`,
};

/**
 * The tables by the tag they are for: a language, a language and script (Chinese is
 * written in two), or a language and region where a region writes differently. Keys are
 * lower case; src/locale/locale.ts goes from the most specific to the language alone.
 */
export const wordTables: ReadonlyMap<string, GeneratedWords> = new Map([
  ['en', en],
  ['de', de],
  ['de-ch', deCH],
  ['fr', fr],
  ['es', es],
  ['it', it],
  ['pt', pt],
  ['pt-pt', ptPT],
  ['zh-hans', zhHans],
  ['zh-hant', zhHant],
]);

/** The table of the fallback language: what an edition in a language without a table prints. */
export const fallbackWords = en;
