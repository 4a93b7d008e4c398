package org.vapr.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vapr.core.record.Message;

/** ShareGPT-like text-only conversations (no image), which the builder's filters must drop. */
final class TextChats {
    private static final List<String> SEASONS = List.of("autumn", "winter", "spring", "summer", "the sea", "the city at night",
            "a mountain lake", "morning coffee", "rain on the window", "an old library");
    private static final List<String[]> HAIKU = List.of(
            new String[] {"Red leaves drift and fall", "the wind hums a quiet song", "the year folds away"},
            new String[] {"Cold light on the snow", "footprints vanish one by one", "silence fills the field"},
            new String[] {"Soft rain on new buds", "the garden wakes up slowly", "green returns again"},
            new String[] {"Long days, warm and gold", "cicadas sing in the trees", "the evening cools down"},
            new String[] {"Waves fold into foam", "the tide keeps its old promise", "salt hangs in the air"},
            new String[] {"Neon on wet streets", "a late train sighs past the bridge", "the city still hums"},
            new String[] {"Still water, still pines", "a single bird crosses it", "the mountain listens"},
            new String[] {"Steam curls from the cup", "the first page of a new day", "bitter, warm and slow"});
    private static final List<String[]> HOWTO = List.of(
            new String[] {"sort a list", "Python", "You can sort a list in place with `list.sort()` or get a new sorted list with `sorted()`.",
                "```python\nnumbers = [5, 2, 9, 1]\nnumbers.sort()\nprint(numbers)  # [1, 2, 5, 9]\n\nwords = sorted([\"pear\", \"apple\", \"fig\"], key=len)\nprint(words)  # ['fig', 'pear', 'apple']\n```",
                "Both accept `key=` to sort by a computed value and `reverse=True` for descending order. Sorting is stable, so items that compare equal keep their original order."},
            new String[] {"reverse a string", "Python", "Strings are immutable in Python, so you create a reversed copy with slicing.",
                "```python\ntext = \"hello\"\nprint(text[::-1])  # olleh\nprint(\"\".join(reversed(text)))\n```",
                "The slice `[::-1]` walks the string backwards with a step of minus one; `reversed()` returns an iterator that `join` turns back into a string."},
            new String[] {"read a file line by line", "Java", "Use `Files.lines` or a `BufferedReader` so that the whole file is never held in memory.",
                "```java\ntry (var lines = Files.lines(Path.of(\"data.txt\"))) {\n    lines.filter(l -> !l.isBlank()).forEach(System.out::println);\n}\n```",
                "The try-with-resources block closes the file even if an exception is thrown. Pass a charset such as `StandardCharsets.UTF_8` if the file is not in the platform default encoding."},
            new String[] {"remove duplicates from an array", "JavaScript", "The simplest way is to go through a `Set`, which keeps only unique values.",
                "```javascript\nconst values = [3, 1, 3, 2, 1];\nconst unique = [...new Set(values)];\nconsole.log(unique); // [3, 1, 2]\n```",
                "A `Set` keeps insertion order, so the first occurrence of each value wins. For arrays of objects, filter by a key with a `Map` instead."},
            new String[] {"merge two dictionaries", "Python", "Since Python 3.9 you can use the `|` operator; older versions can unpack both into a new dict.",
                "```python\na = {\"x\": 1, \"y\": 2}\nb = {\"y\": 3, \"z\": 4}\nmerged = a | b          # {'x': 1, 'y': 3, 'z': 4}\nmerged_old = {**a, **b}\n```",
                "When a key appears in both, the value from the right-hand dictionary wins."},
            new String[] {"measure how long a function takes", "Python", "Use `time.perf_counter()` for wall-clock timing, or the `timeit` module for small snippets.",
                "```python\nimport time\nstart = time.perf_counter()\nresult = work()\nprint(f\"took {time.perf_counter() - start:.3f} s\")\n```",
                "Run the code several times and look at the minimum or median, because the first run often includes warm-up costs."});
    private static final List<String[]> CONCEPTS = List.of(
            new String[] {"photosynthesis", "Photosynthesis is how plants make their own food.", "Leaves capture sunlight with a green pigment called chlorophyll.",
                "The plant uses that energy to combine water from the soil with carbon dioxide from the air.", "The result is sugar, which feeds the plant, and oxygen, which it releases into the air."},
            new String[] {"recursion", "Recursion is when a function solves a problem by calling itself on a smaller version of the same problem.",
                "Every recursive function needs a base case, a version of the problem so small that the answer is obvious.",
                "For example, the factorial of 5 is 5 times the factorial of 4, and the factorial of 1 is simply 1.", "Without a base case the calls would never stop and the program would run out of stack space."},
            new String[] {"inflation", "Inflation means that prices in general rise over time, so the same amount of money buys less.",
                "It often happens when demand grows faster than the supply of goods, or when costs such as energy go up.",
                "Central banks try to keep it low and steady, usually around two percent a year, by changing interest rates.", "A little inflation is normal; very high inflation makes planning and saving hard."},
            new String[] {"gravity", "Gravity is the pull that every object with mass has on every other object.",
                "The more mass something has, the stronger its pull, which is why the Earth holds us to the ground.",
                "The pull also gets weaker with distance, which is why astronauts far from Earth feel almost weightless.", "Gravity keeps the Moon orbiting the Earth and the planets orbiting the Sun."},
            new String[] {"a blockchain", "A blockchain is a shared record of transactions that many computers keep at the same time.",
                "New entries are grouped into blocks, and each block contains a fingerprint of the one before it.",
                "Changing an old entry would change its fingerprint and break the chain, so tampering is easy to detect.", "Because no single party controls the record, participants can trust it without trusting each other."},
            new String[] {"machine learning", "Machine learning is a way of building programs that learn patterns from examples instead of following hand-written rules.",
                "You show the program many inputs together with the right answers, and it adjusts its internal parameters to make fewer mistakes.",
                "After training, it can make predictions on new inputs it has never seen.", "Spam filters, photo tagging and speech recognition all work this way."});
    private static final List<String[]> TIPS = List.of(
            new String[] {"sleeping better", "Go to bed and get up at the same time every day.", "Keep your bedroom dark, quiet and cool.",
                "Avoid caffeine in the afternoon and evening.", "Put screens away at least half an hour before bed.", "Get some daylight and exercise during the day."},
            new String[] {"learning a new language", "Practice a little every day rather than a lot once a week.", "Learn the most common words first.",
                "Listen to podcasts or watch shows in the language.", "Speak from the start, even if you make mistakes.", "Use spaced repetition flashcards for vocabulary."},
            new String[] {"saving money", "Track where your money goes for a month.", "Set up an automatic transfer to savings on payday.",
                "Cook at home more often.", "Cancel subscriptions you do not use.", "Wait a day before any unplanned purchase."},
            new String[] {"writing clean code", "Give variables and functions names that say what they mean.", "Keep functions short and focused on one task.",
                "Write tests for the behaviour you rely on.", "Remove dead code instead of commenting it out.", "Prefer simple solutions over clever ones."},
            new String[] {"staying focused at work", "Turn off notifications while you work on a hard task.", "Break big tasks into small, concrete steps.",
                "Work in blocks of 25 to 50 minutes with short breaks.", "Keep a written list so that you do not have to remember everything.", "Do the most important task first."});
    private static final List<String[]> DIFFS = List.of(
            new String[] {"weather", "climate", "Weather is what the atmosphere is doing right now or over a few days: rain, sunshine, wind, temperature.",
                "Climate is the average pattern of weather in a place over many years, usually thirty or more.", "In short, weather is what you get today and climate is what you expect."},
            new String[] {"a list", "a tuple in Python", "A list is mutable: you can add, remove and change its items after creating it.",
                "A tuple is immutable: once created, its contents cannot change, which makes it hashable and usable as a dictionary key.", "Use a list for collections that change and a tuple for fixed groups of values."},
            new String[] {"a virus", "a bacterium", "Bacteria are living single-celled organisms that can reproduce on their own, and many are harmless or even helpful.",
                "Viruses are much smaller and cannot reproduce by themselves; they must infect a host cell.", "Antibiotics work against bacteria but not against viruses."},
            new String[] {"RAM", "storage", "RAM is the fast, temporary memory a computer uses for the programs and data it is working on right now; it is cleared when the power goes off.",
                "Storage, such as an SSD or hard disk, keeps files permanently but is slower to access.", "More RAM helps with multitasking, while more storage lets you keep more files."});
    private static final List<String> RECIPIENTS = List.of("my manager", "a professor", "a landlord", "a client", "the IT department", "a colleague");
    private static final List<String> THINGS = List.of("a deadline extension", "a meeting next week", "a repair in my apartment",
            "feedback on a draft", "access to a shared folder", "a day off on Friday");
    private static final List<String> NAMES = List.of("coffee shop", "bakery", "podcast about science", "hiking club", "indie game studio", "bookstore");

    private TextChats() {
    }

    /** One text-only conversation of one to three exchanges. */
    static List<Message> conversation(SplittableRandom r) {
        List<Message> out = new ArrayList<>();
        int topic = r.nextInt(9);
        String[] first = exchange(topic, r);
        out.add(Message.human(first[0]));
        out.add(Message.gpt(first[1]));
        int more = r.nextInt(4);
        for (int i = 0; i < more; i++) {
            if (r.nextInt(3) == 0) {
                out.add(Message.human(pick(r, List.of("Thanks!", "Thank you, that helps.", "Great, thanks a lot."))));
                out.add(Message.gpt(pick(r, List.of("You're welcome! Let me know if you have any other questions.",
                        "Glad I could help. Feel free to ask if anything else comes up.",
                        "You're welcome. Good luck, and ask any time if you need more help."))));
            } else {
                String[] next = exchange(r.nextInt(9), r);
                out.add(Message.human(next[0]));
                out.add(Message.gpt(next[1]));
            }
        }
        return out;
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String[] exchange(int topic, SplittableRandom r) {
        switch (topic) {
            case 0 -> {
                String about = pick(r, SEASONS);
                String[] h = pick(r, HAIKU);
                return new String[] {"Write a haiku about " + about + ".", h[0] + "\n" + h[1] + "\n" + h[2]};
            }
            case 1 -> {
                String[] t = pick(r, HOWTO);
                return new String[] {"How do I " + t[0] + " in " + t[1] + "?", t[2] + "\n\n" + t[3] + "\n\n" + t[4]};
            }
            case 2 -> {
                String[] c = pick(r, CONCEPTS);
                String style = pick(r, List.of("in simple terms", "to a ten-year-old", "briefly", "like I'm a beginner"));
                return new String[] {"Explain " + c[0] + " " + style + ".", c[1] + " " + c[2] + "\n\n" + c[3] + " " + c[4]};
            }
            case 3 -> {
                String[] t = pick(r, TIPS);
                int n = 3 + r.nextInt(3);
                StringBuilder b = new StringBuilder("Here are " + Vocab.numberWord(n) + " tips for " + t[0] + ":\n");
                for (int i = 1; i <= n; i++) {
                    b.append('\n').append(i).append(". ").append(t[i]);
                }
                b.append("\n\nStart with one or two of these and add the others once they become habits.");
                return new String[] {"Give me " + n + " tips for " + t[0] + ".", b.toString()};
            }
            case 4 -> {
                String[] d = pick(r, DIFFS);
                return new String[] {"What is the difference between " + d[0] + " and " + d[1] + "?", d[2] + "\n\n" + d[3] + "\n\n" + d[4]};
            }
            case 5 -> {
                String to = pick(r, RECIPIENTS);
                String what = pick(r, THINGS);
                return new String[] {"Write a short email to " + to + " asking for " + what + ".",
                    "Subject: Request for " + what + "\n\nDear " + (to.startsWith("a ") ? "Sir or Madam" : "team") + ",\n\n"
                        + "I hope you are doing well. I am writing to ask for " + what + ". "
                        + "I would be grateful if you could let me know whether this is possible and what the next steps would be.\n\n"
                        + "Thank you for your time and help.\n\nBest regards,\nAlex"};
            }
            case 6 -> {
                int a = 12 + r.nextInt(88);
                int b = 3 + r.nextInt(40);
                int c = a * b;
                return new String[] {"What is " + a + " times " + b + "?", a + " times " + b + " is " + c + ". You can check it by splitting "
                        + b + " into " + (b / 10 * 10) + " and " + (b % 10) + ": " + a + " × " + (b / 10 * 10) + " = " + (a * (b / 10 * 10))
                        + " and " + a + " × " + (b % 10) + " = " + (a * (b % 10)) + ", which add up to " + c + "."};
            }
            case 7 -> {
                int a = 2 + r.nextInt(8);
                int x = 1 + r.nextInt(12);
                int b = 1 + r.nextInt(30);
                int c = a * x + b;
                return new String[] {"Solve for x: " + a + "x + " + b + " = " + c,
                    "Subtract " + b + " from both sides: " + a + "x = " + (c - b) + ".\nThen divide both sides by " + a + ": x = " + x
                        + ".\n\nCheck: " + a + " × " + x + " + " + b + " = " + c + ", so x = " + x + " is correct."};
            }
            default -> {
                String what = pick(r, NAMES);
                List<String> ideas = new ArrayList<>(List.of("The Daily Spark", "Northwind", "Little Lantern", "Second Chapter",
                        "Open Field", "Blue Heron", "Common Ground", "Bright Path"));
                StringBuilder b = new StringBuilder("Here are a few name ideas for a " + what + ":\n");
                for (int i = 0; i < 4; i++) {
                    b.append("\n- ").append(ideas.remove(r.nextInt(ideas.size())));
                }
                b.append("\n\nPick one that is easy to say and spell, and check that the web domain is still available.");
                return new String[] {"Suggest a name for a " + what + ".", b.toString()};
            }
        }
    }
}
