/** The Gemini model both clients ask for; the emulator answers it at 1K (1024×1024 for a square input). */
export const benchGeminiModel = 'gemini-3.1-flash-image';
